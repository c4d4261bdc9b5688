/** Canonical form and chain hash of audit records (security rules §17 日志审计: 存储和标准化). */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { AUDIT_FIELDS_V1, CanonicalFormError, atFromEpochMicros, canonicalAuditContent, chainHash, hashAlgorithmOf, hashMatches, type AuditContent } from './canonical.ts';

const sample: AuditContent = {
  id: 7, at: '2026-11-28T02:03:04.123456Z', actorType: 'user', actorId: 'u-1', actorName: 'fgw',
  orgId: '0b8f8f4e-8a43-4a8e-9a53-000000000001', action: 'catalog.create', targetType: 'catalog_entry', targetId: 'e-1',
  outcome: 'success', ip: '127.0.0.1', requestId: 'req-1', detail: '{"name": "地下水污染源", "items": [1, 2]}',
};

describe('canonical audit content, version 1', () => {
  it('is a JSON array: tag, previous hash, then the fields in their fixed order', () => {
    const text = canonicalAuditContent('sm3:ab', sample);
    assert.deepEqual(JSON.parse(text), ['gdx-audit/1', 'sm3:ab', ...AUDIT_FIELDS_V1.map((f) => sample[f])]);
    assert.equal(AUDIT_FIELDS_V1.length, 13);
  });

  it('does not depend on the key order of the object it is given', () => {
    const shuffled = Object.fromEntries(Object.entries(sample).reverse()) as unknown as AuditContent;
    assert.equal(canonicalAuditContent(null, shuffled), canonicalAuditContent(null, sample));
  });

  it('marks the first record with an empty previous hash', () => {
    assert.equal(JSON.parse(canonicalAuditContent(null, sample))[1], '');
  });

  const exact: Array<[string, string]> = [
    ['milliseconds only', '2026-11-28T02:03:04.123Z'],
    ['an offset instead of Z', '2026-11-28T10:03:04.123456+08:00'],
    ['no fraction', '2026-11-28T02:03:04Z'],
  ];
  for (const [title, at] of exact) {
    it(`refuses an inexact timestamp: ${title}`, () => {
      assert.throws(() => canonicalAuditContent(null, { ...sample, at }), CanonicalFormError);
    });
  }

  it('renders exact instants from microseconds since the epoch', () => {
    assert.equal(atFromEpochMicros(1_795_831_384_123_456), '2026-11-28T02:03:04.123456Z');
    assert.equal(atFromEpochMicros(1_795_831_384_000_007), '2026-11-28T02:03:04.000007Z');
    assert.equal(atFromEpochMicros(0), '1970-01-01T00:00:00.000000Z');
    assert.throws(() => atFromEpochMicros(1.5), CanonicalFormError);
  });

  it('distinguishes null from the text "null" and from an empty string', () => {
    const a = canonicalAuditContent(null, { ...sample, ip: null });
    assert.notEqual(a, canonicalAuditContent(null, { ...sample, ip: 'null' }));
    assert.notEqual(a, canonicalAuditContent(null, { ...sample, ip: '' }));
  });
});

describe('chain hash', () => {
  it('SM3 by default naming, SHA-256 selectable; each hash names its algorithm', () => {
    const sm3 = chainHash('sm3', null, sample);
    const sha = chainHash('sha256', null, sample);
    assert.match(sm3, /^sm3:[0-9a-f]{64}$/);
    assert.match(sha, /^sha256:[0-9a-f]{64}$/);
    assert.equal(sha, `sha256:${createHash('sha256').update(canonicalAuditContent(null, sample)).digest('hex')}`);
    assert.equal(hashAlgorithmOf(sm3), 'sm3');
    assert.equal(hashAlgorithmOf('md5:00'), undefined);
    assert.equal(hashAlgorithmOf('sm3:xyz'), undefined);
  });

  it('SM3 of "abc" is the GB/T 32905 test vector (the algorithm really is SM3)', () => {
    assert.equal(createHash('sm3').update('abc').digest('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  const changes: Array<[string, Partial<AuditContent>]> = [
    ['one byte of detail', { detail: '{"name": "地下水污染原", "items": [1, 2]}' }],
    ['a microsecond of time', { at: '2026-11-28T02:03:04.123457Z' }],
    ['the outcome', { outcome: 'denied' }],
    ['the actor', { actorName: 'gaj' }],
    ['the id', { id: 8 }],
  ];
  for (const [title, change] of changes) {
    it(`changes when ${title} changes`, () => {
      const h = chainHash('sm3', 'sm3:00', sample);
      assert.equal(hashMatches('sm3:00', { ...sample, ...change }, h), false);
      assert.equal(hashMatches('sm3:00', sample, h), true);
    });
  }

  it('binds the previous hash', () => {
    assert.notEqual(chainHash('sm3', 'sm3:aa', sample), chainHash('sm3', 'sm3:ab', sample));
  });
});
