import type { ReactNode } from 'react';
import { Flex } from 'antd';

export function PageTitle({ title, hint, extra }: { title: ReactNode; hint?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap="wrap" style={{ marginBottom: 4 }}>
      <div>
        <h1 className="gdx-page-title">{title}</h1>
        {hint ? <div className="gdx-page-hint">{hint}</div> : null}
      </div>
      {extra ? <div>{extra}</div> : null}
    </Flex>
  );
}
