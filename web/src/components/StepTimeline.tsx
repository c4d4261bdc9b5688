/**
 * The timeline of a share request: its submission, then every step (§28 compliance review, §30 reply,
 * negotiation, coordination) with the party that acts, its deadline in working days, who acted, the
 * decision and the comment — and the grant at the end.
 */
import { Link } from 'react-router-dom';
import { Space, Tag, Timeline, Typography } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { STEP_PARTY } from '../../../src/domain/sharing/permissions.ts';
import { REQUEST_PARTY_LABELS } from '../../../src/domain/sharing/labels.ts';
import { hasMessage, useI18n } from '../i18n.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import type { RequestStep, ShareRequest } from '../types.ts';
import { sharingLabel } from '../vocab.ts';
import { Countdown } from './Deadline.tsx';

const BAD = new Set(['reject', 'refuse', 'uphold', 'failed', 'return']);

function colorOf(step: RequestStep): string {
  if (step.status === 'open') return step.overdue ? 'red' : 'blue';
  if (step.status === 'paused') return 'gray';
  if (step.status === 'cancelled') return 'gray';
  return step.decision && BAD.has(step.decision) ? 'red' : 'green';
}

export function DecisionText({ decision }: { decision: string | null }) {
  const { t } = useI18n();
  if (!decision) return null;
  const key = `decision.${decision}`;
  return <>{hasMessage(key) ? t(key) : decision}</>;
}

function StepBody({ step }: { step: RequestStep }) {
  const { t, lang, pick, colon } = useI18n();
  const party = STEP_PARTY[step.kind];
  const partyText = party === 'both' ? t('timeline.bothParties') : pick(REQUEST_PARTY_LABELS[party]);
  const late = step.status === 'done' && step.doneAt && step.dueAt && step.doneAt > step.dueAt;
  return (
    <div data-testid={`step-${step.kind}`}>
      <Space size={8} wrap>
        <strong>{sharingLabel('stepKind', step.kind, lang)}</strong>
        <Tag bordered={false}>{partyText}</Tag>
        <Tag color={step.status === 'open' ? 'processing' : step.status === 'done' ? 'success' : 'default'}>{sharingLabel('stepStatus', step.status, lang)}</Tag>
        {step.decision ? <Tag color={BAD.has(step.decision) ? 'error' : 'green'} data-testid="step-decision"><DecisionText decision={step.decision} /></Tag> : null}
      </Space>
      <div style={{ color: 'rgba(0,0,0,0.65)', marginTop: 2 }}>
        <Space size={12} wrap>
          <span>{t('timeline.started')}{colon}{fmtDateTime(step.startedAt)}</span>
          {step.dueOn ? <span>{t('timeline.dueOn')}{colon}{fmtDate(step.dueOn)}</span> : <Typography.Text type="secondary">{t('deadline.noLimit')}</Typography.Text>}
          {step.status === 'open' || step.status === 'paused' ? <Countdown clock={step} /> : null}
          {step.doneAt ? <span>{t('timeline.done')}{colon}{fmtDateTime(step.doneAt)}</span> : null}
          {late ? <Tag color="red" bordered={false}>{t('timeline.late')}</Tag> : null}
        </Space>
      </div>
      {step.actorName ? <div>{t('timeline.actor')}{colon}{step.actorName}</div> : null}
      {step.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{t('common.comment')}{colon}{step.comment}</div> : null}
    </div>
  );
}

export function StepTimeline({ request }: { request: ShareRequest }) {
  const { t, lang, colon } = useI18n();
  const steps = [...request.steps].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const items = [
    {
      key: 'created',
      color: 'blue',
      children: (
        <div>
          <strong>{t('timeline.submitted')}</strong>
          <div style={{ color: 'rgba(0,0,0,0.65)' }}>{request.requesterName} · {request.consumerName} · {fmtDateTime(request.createdAt)}</div>
        </div>
      ),
    },
    ...steps.map((s) => ({
      key: s.id,
      color: colorOf(s),
      dot: s.status === 'open' ? <ClockCircleOutlined style={{ fontSize: 16 }} /> : s.status === 'paused' ? <PauseCircleOutlined style={{ fontSize: 16 }} /> : undefined,
      children: <StepBody step={s} />,
    })),
  ];
  if (request.status === 'granted' && request.grantId) {
    items.push({
      key: 'grant',
      color: 'green',
      children: (
        <div>
          <strong>{sharingLabel('requestStatus', 'granted', lang)}</strong>
          <div><Link to={`/grants/${request.grantId}`} data-testid="timeline-grant-link">{t('request.viewGrant')}</Link></div>
        </div>
      ),
    });
  } else if (['rejected', 'cancelled'].includes(request.status) || (request.status === 'refused' && request.coordinated)) {
    items.push({
      key: 'end',
      color: 'gray',
      children: <div><strong>{sharingLabel('requestStatus', request.status, lang)}</strong>{colon}{fmtDateTime(request.updatedAt)}</div>,
    });
  }
  return <Timeline style={{ marginTop: 8 }} items={items} data-testid="step-timeline" />;
}
