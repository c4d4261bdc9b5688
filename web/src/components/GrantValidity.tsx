/** A grant's end date (§31), highlighted when it comes within 30 days. */
import { Typography } from 'antd';
import { grantDaysLeft } from '../../../src/domain/sharing/grant-rules.ts';
import { useI18n } from '../i18n.ts';
import { fmtDate } from '../format.ts';
import type { Grant } from '../types.ts';

/** A grant ending within this many days is highlighted: a new request takes time. */
const SOON_DAYS = 30;

export function ValidUntil({ grant, today }: { grant: Pick<Grant, 'validUntil' | 'status'>; today: string }) {
  const { t } = useI18n();
  const left = grantDaysLeft(grant.validUntil, today);
  const live = grant.status === 'active' || grant.status === 'suspended';
  const soon = live && left >= 0 && left <= SOON_DAYS;
  return (
    <div data-testid="grant-valid-until">
      <span className={soon ? 'gdx-expiring' : undefined}>{fmtDate(grant.validUntil)}</span>
      {soon ? <div><Typography.Text type="warning" strong>{left === 0 ? t('grants.endsToday') : t('grants.daysLeft', { n: left })}</Typography.Text></div> : null}
    </div>
  );
}
