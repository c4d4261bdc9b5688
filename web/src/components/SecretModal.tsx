/** The secret of a newly registered or rotated app: shown this once, with a copy button (docs/signing.md). */
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useI18n } from '../i18n.ts';
import type { ConsumerAppWithSecret } from '../types.ts';

export function SecretModal({ app, onClose }: { app: ConsumerAppWithSecret | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!app}
      title={t('apps.secretTitle')}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      width={640}
      footer={<Button type="primary" onClick={onClose} data-testid="secret-done">{t('apps.secretSaved')}</Button>}
      destroyOnHidden
    >
      {app ? (
        <div data-testid="secret-modal">
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('apps.secretWarning')} description={t('apps.secretWarningHint')} />
          <Descriptions size="small" bordered column={1} styles={{ label: { width: 140 } }}>
            <Descriptions.Item label={t('apps.name')}>{app.name}</Descriptions.Item>
            <Descriptions.Item label={t('apps.appKey')}>
              <Typography.Text className="gdx-mono" copyable data-testid="secret-appkey">{app.appKey}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('apps.secret')}>
              <Typography.Text className="gdx-mono" strong copyable={{ text: app.secret }} data-testid="secret-value">{app.secret}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      ) : null}
    </Modal>
  );
}
