/** The trace mark of delivered files (§38, §39; security rules §24 可追溯): format and parse, table-driven. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTrace, traceLine, traceText, type TraceMark } from './trace.ts';

const mark: TraceMark = {
  grantId: '0b6f3c1e-2a4d-4e8f-9a1b-1c2d3e4f5a6b',
  consumerId: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  deliveryId: '9f8e7d6c-5b4a-4c3d-9e2f-1a0b9c8d7e6f',
  at: new Date('2025-03-04T05:06:07.089Z'),
};
const line = '# GDX-TRACE grant=0b6f3c1e-2a4d-4e8f-9a1b-1c2d3e4f5a6b consumer=1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d delivery=9f8e7d6c-5b4a-4c3d-9e2f-1a0b9c8d7e6f at=2025-03-04T05:06:07.089Z';

describe('trace line (§39 traceability)', () => {
  it('formats the documented line, ASCII only', () => {
    assert.equal(traceLine(mark), line);
    assert.equal(traceText(mark), line.slice(2));
    assert.match(traceLine(mark), /^[\x20-\x7e]+$/);
  });

  const cases: Array<[string, string, TraceMark | undefined]> = [
    ['the line itself', line, mark],
    ['the line with a BOM and more CSV after it', `\uFEFF${line}\r\nname,phone\r\n`, mark],
    ['inside PDF/XLSX keywords among other words', `GDX 授权交付; ${line.slice(2)}; 仅限授权用途`, mark],
    ['upper-case ids (a copy re-typed)', line.toUpperCase().replace('AT=', 'at=').replace('GRANT=', 'grant=').replace('CONSUMER=', 'consumer=').replace('DELIVERY=', 'delivery='), mark],
    ['a truncated line', line.slice(0, 80), undefined],
    ['a mangled id', line.replace('grant=0b6f3c1e', 'grant=0b6f3c1'), undefined],
    ['no mark', 'registration_no,holder_name\r\nJC-0001,张三\r\n', undefined],
    ['an impossible time', line.replace('2025-03-04T05', '2025-13-44T05'), undefined],
  ];
  for (const [name, text, expected] of cases) {
    it(`parses ${name}`, () => assert.deepEqual(parseTrace(text), expected));
  }
});
