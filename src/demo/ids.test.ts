import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  birthDateOfIdCard, generateAddress, generateIdCard, generateLandline, generateMobile, generateName, generateUscc,
  idCardCheckChar, isValidIdCard, isValidMobile, isValidOrgCode, isValidUscc, orgCodeCheckChar, sexOfIdCard,
  usccCheckChar, type UsccKind,
} from './ids.ts';
import { Rng, partition } from './prng.ts';
import { OFFICIAL_COUNTY_CODES } from './regions.ts';

describe('公民身份号码 (GB 11643)', () => {
  it('accepts the examples published with the standard', () => {
    // GB 11643-1999 examples: 11010519491231002X (女) and 440524188001010014 (男).
    assert.equal(isValidIdCard('11010519491231002X'), true);
    assert.equal(isValidIdCard('440524188001010014'), true);
    assert.equal(idCardCheckChar('11010519491231002'), 'X');
    assert.equal(isValidIdCard('11010519491231002x'), true, 'lower-case x is the same check character');
  });

  it('rejects a wrong check character, a transposition, an impossible date and bad shapes', () => {
    assert.equal(isValidIdCard('110105194912310021'), false);
    assert.equal(isValidIdCard('11010591491231002X'), false);
    assert.equal(isValidIdCard(`14052519990231${'123'}` + idCardCheckChar('14052519990231123')), false, '31 Feb');
    assert.equal(isValidIdCard('1101051949123100'), false);
    assert.equal(isValidIdCard('11010519491231002Y'), false);
  });

  it('generates valid numbers in 晋城 counties with the asked birth date and sex', () => {
    const rng = new Rng('ids');
    for (let i = 0; i < 2000; i++) {
      const sex = i % 2 === 0 ? 'M' : 'F';
      const id = generateIdCard(rng, { sex });
      assert.ok(isValidIdCard(id), id);
      assert.ok(OFFICIAL_COUNTY_CODES.includes(id.slice(0, 6)), id);
      assert.equal(sexOfIdCard(id), sex);
    }
    const id = generateIdCard(rng, { regionCode: '140525', birthDate: '1988-02-29', sex: 'F' });
    assert.equal(id.slice(0, 6), '140525');
    assert.equal(birthDateOfIdCard(id), '1988-02-29');
    assert.equal(sexOfIdCard(id), 'F');
  });
});

describe('统一社会信用代码 (GB 32100) and 组织机构代码 (GB 11714)', () => {
  // 91350100M000100Y43 is the example printed with GB 32100; the others are codes of well-known
  // companies as shown on their business licences (深圳市腾讯计算机系统有限公司, 阿里巴巴（中国）有限公司,
  // 华为技术有限公司, 中国石油天然气股份有限公司, 小米科技有限责任公司).
  const REAL = [
    '91350100M000100Y43', '9144030071526726XG', '91330100716105852F', '914403001922038216', '91110000710925462X',
    '91110108551385082Q',
  ];

  it('accepts real published codes', () => {
    for (const c of REAL) assert.equal(isValidUscc(c), true, c);
    assert.equal(usccCheckChar('91350100M000100Y4'), '3');
    assert.equal(orgCodeCheckChar('M000100Y'), '4');
    assert.equal(isValidOrgCode('715267267'), false);
    assert.equal(isValidOrgCode('71526726X'), true);
  });

  it('rejects any single-character change, forbidden letters and bad category codes', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const c of REAL) {
      for (let i = 0; i < 18; i++) {
        const other = charset[(charset.indexOf(c[i] as string) + 7) % 31] as string;
        const bad = c.slice(0, i) + other + c.slice(i + 1);
        assert.equal(isValidUscc(bad), false, `${bad} (position ${i})`);
      }
    }
    assert.equal(isValidUscc('91350100M000100Y4I'), false, 'I is not in the charset');
    assert.equal(isValidUscc('9135010OM000100Y43'), false, 'O is not in the charset');
    const body = 'MA0ABCD1';
    const wrongCategory = `94140525${body}${orgCodeCheckChar(body)}`;
    assert.equal(isValidUscc(wrongCategory + usccCheckChar(wrongCategory)), false, '9 (工商) has no category 4');
  });

  it('generates valid codes of every kind with 晋城 region codes', () => {
    const rng = new Rng('uscc');
    const kinds: UsccKind[] = ['enterprise', 'individual', 'cooperative', 'government', 'institution', 'social'];
    for (let i = 0; i < 3000; i++) {
      const c = generateUscc(rng, { kind: kinds[i % kinds.length] });
      assert.ok(isValidUscc(c), c);
      assert.ok([...OFFICIAL_COUNTY_CODES, '140500'].includes(c.slice(2, 8)), c);
    }
    assert.ok(generateUscc(rng, { newStyle: true }).slice(8, 10) === 'MA');
  });
});

describe('other generated values', () => {
  it('mobile numbers use real prefixes and 11 digits; landlines are 0356 + 7 digits', () => {
    const rng = new Rng('phones');
    for (let i = 0; i < 1000; i++) {
      assert.ok(isValidMobile(generateMobile(rng)));
      assert.match(generateLandline(rng), /^0356-[2-8]\d{6}$/);
    }
    assert.equal(isValidMobile('12012345678'), false);
    assert.equal(isValidMobile('1381234567'), false);
  });

  it('names are 2–3 Chinese characters; addresses name a 晋城 county and its town', () => {
    const rng = new Rng('people');
    for (let i = 0; i < 500; i++) {
      assert.match(generateName(rng), /^\p{Script=Han}{2,3}$/u);
      const a = generateAddress(rng);
      assert.ok(a.full.includes(a.county) && a.full.includes(a.town), a.full);
      assert.match(a.full, /\d+号$/);
    }
    assert.match(generateAddress(rng, '140525').full, /^晋城市泽州县.+镇.+村\d+号$/);
    assert.match(generateAddress(rng, '140502').full, /^晋城市城区.+街道.+(路|街)\d+号$/);
  });

  it('is deterministic: the same seed gives the same values', () => {
    const a = new Rng('same');
    const b = new Rng('same');
    assert.deepEqual(
      [generateIdCard(a), generateUscc(a), generateName(a), generateMobile(a)],
      [generateIdCard(b), generateUscc(b), generateName(b), generateMobile(b)],
    );
    assert.notEqual(generateIdCard(new Rng('one')), generateIdCard(new Rng('two')));
  });

  it('partition splits a total exactly into positive parts', () => {
    const parts = partition(new Rng('p'), 471.2, 261, 3);
    assert.equal(parts.length, 261);
    assert.ok(parts.every((x) => x > 0));
    assert.equal(Math.round(parts.reduce((s, x) => s + x, 0) * 1000), 471_200);
  });
});
