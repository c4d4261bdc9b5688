import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_SOURCES } from './i18n.ts';

test('no message key is defined by two areas: the later one would replace the other page\'s words (目录审核 was titled 权限复核)', () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [area, messages] of Object.entries(MESSAGE_SOURCES)) {
    for (const key of Object.keys(messages)) {
      if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${area})`);
      else seen.set(key, area);
    }
  }
  assert.deepEqual(twice, []);
});
