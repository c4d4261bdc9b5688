/**
 * Consistency (§11) and 一数一源 (§15) messages: errors first, each quoting its article. Clicking a
 * message scrolls to the field it is about when the page renders one with `data-field`.
 */
import { List, Space, Tag, Typography } from 'antd';
import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { Issue } from '../types.ts';
import { useI18n } from '../i18n.ts';

export function focusField(field: string): void {
  const el = document.querySelector(`[data-field="${CSS.escape(field)}"]`)
    ?? document.querySelector(`[data-field="${CSS.escape(field.replace(/\.\w+$/, ''))}"]`);
  if (el instanceof HTMLElement) {
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    const input = el.querySelector('input, textarea, .ant-select-selector');
    if (input instanceof HTMLElement) input.focus();
  }
}

export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
}

export function IssueText({ issue }: { issue: Issue }) {
  const { pick } = useI18n();
  return (
    <span>
      {pick(issue)} <Tag bordered={false} style={{ marginInlineStart: 4, fontSize: 11 }}>{issue.article}</Tag>
    </span>
  );
}

export function IssueList({ issues, clickable = false, size = 'small' }: { issues: readonly Issue[]; clickable?: boolean; size?: 'small' | 'default' }) {
  const { t } = useI18n();
  if (issues.length === 0) return <Typography.Text type="success">{t('entry.noIssues')}</Typography.Text>;
  return (
    <List
      size={size}
      dataSource={sortIssues(issues)}
      data-testid="issue-list"
      renderItem={(issue, i) => (
        <List.Item
          key={`${issue.code}-${issue.field}-${i}`}
          style={{ cursor: clickable ? 'pointer' : undefined, paddingInline: 0 }}
          onClick={clickable ? () => focusField(issue.field) : undefined}
        >
          <Space align="start" size={8}>
            {issue.level === 'error'
              ? <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} />
              : <WarningFilled style={{ color: '#d48806', marginTop: 4 }} />}
            <IssueText issue={issue} />
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Issues grouped by the field path they point at. */
export function issuesByField(issues: readonly Issue[]): Map<string, Issue[]> {
  const map = new Map<string, Issue[]>();
  for (const i of issues) {
    const list = map.get(i.field) ?? [];
    list.push(i);
    map.set(i.field, list);
  }
  return map;
}
