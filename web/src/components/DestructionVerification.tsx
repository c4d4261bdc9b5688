/**
 * 销毁后核验 (security rules §29 记录): the facts the platform recorded when a destruction ran — rows or
 * chunks before and after, the note — each under its label, so an auditor reads a record, not JSON.
 * The keys are those of src/modules/oversight/destroy-execution.ts; an unknown one shows as is.
 */
import { Descriptions } from 'antd';
import { useI18n, type MessageKey } from '../i18n.ts';

/** The labelled keys, in the order a reader expects them (the stored JSON keeps no order). */
const LABELLED = [
  'table', 'countBefore', 'countAfter', 'grantId', 'droppedRows', 'by', 'attested', 'files',
  'chunksBefore', 'storedBytesBefore', 'chunksAfter', 'filesAfter', 'destroyed', 'alreadyGone', 'note',
];
const rank = (key: string) => (LABELLED.includes(key) ? LABELLED.indexOf(key) : LABELLED.length);

export function DestructionVerification({ value }: { value: Record<string, unknown> | null }) {
  const { t } = useI18n();
  if (!value) return <>—</>;
  const show = (v: unknown) => (typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no')
    : typeof v === 'object' && v !== null ? <span className="gdx-mono">{JSON.stringify(v)}</span> : String(v));
  return (
    <Descriptions size="small" column={1} data-testid="destruction-verification">
      {Object.entries(value).sort(([a], [b]) => rank(a) - rank(b)).map(([key, v]) => (
        <Descriptions.Item key={key} label={LABELLED.includes(key) ? t(`destructions.v.${key}` as MessageKey) : key}>{show(v)}</Descriptions.Item>
      ))}
    </Descriptions>
  );
}
