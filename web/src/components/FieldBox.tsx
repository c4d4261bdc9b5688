/** A form field with the live rule messages about it (the catalog editor's layout, shared by the sharing forms). */
import type { ReactNode } from 'react';
import { Form } from 'antd';
import type { Issue } from '../types.ts';
import { useI18n } from '../i18n.ts';

export function FieldBox({ path, label, required = false, issues = [], extra, children }: {
  path: string;
  label: ReactNode;
  required?: boolean;
  issues?: readonly Issue[];
  extra?: ReactNode;
  children: ReactNode;
}) {
  const { pick, paren } = useI18n();
  const status = issues.some((i) => i.level === 'error') ? 'error' : issues.length ? 'warning' : undefined;
  return (
    <div data-field={path}>
      <Form.Item
        label={label}
        required={required}
        validateStatus={status}
        extra={extra}
        help={issues.length ? (
          <div>{issues.map((i, n) => <div key={n}>{pick(i)}{paren(i.article)}</div>)}</div>
        ) : undefined}
        style={{ marginBottom: 12 }}
      >
        {children}
      </Form.Item>
    </div>
  );
}
