import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BASIC_ITEMS, DEMO_DATABASES, THEME_ITEMS, categoryLabel, theme } from './categories.ts';
import { DEPARTMENTS, authorityFor, departmentByKey } from './departments.ts';
import { CITY_CODE, KFQ_PLATFORM_CODE, REGIONS, regionByCode } from './regions.ts';

/** The gazette lives in the shared folder beside the repository; the quote checks skip without it. */
const GAZETTE = fileURLToPath(new URL('../../../shared/seed/jincheng-gazette-2024-no2.txt', import.meta.url));

describe('regions', () => {
  it('are 晋城市 and its seven county-level units with their codes', () => {
    assert.deepEqual(
      REGIONS.map((r) => `${r.code} ${r.name}`),
      ['140500 晋城市', '140502 城区', '140521 沁水县', '140522 阳城县', '140524 陵川县', '140525 泽州县', '140581 高平市',
        '140571 晋城经济技术开发区'],
    );
    assert.ok(REGIONS.filter((r) => r.level === 'county').every((r) => r.parentCode === CITY_CODE));
  });

  it('mark the 开发区 code as platform-assigned', () => {
    const kfq = regionByCode(KFQ_PLATFORM_CODE);
    assert.equal(kfq.official, false);
    assert.match(kfq.note ?? '', /非国家标准/);
    assert.ok(REGIONS.filter((r) => r.code !== KFQ_PLATFORM_CODE).every((r) => r.official));
  });
});

describe('departments', () => {
  it('have unique keys and names, a known region and a complete §6 filing', () => {
    assert.equal(new Set(DEPARTMENTS.map((d) => d.key)).size, DEPARTMENTS.length);
    assert.equal(new Set(DEPARTMENTS.map((d) => d.name)).size, DEPARTMENTS.length);
    assert.equal(new Set(DEPARTMENTS.map((d) => d.catalogCode)).size, DEPARTMENTS.length);
    for (const d of DEPARTMENTS) {
      regionByCode(d.regionCode);
      assert.ok(d.filing.unit.length > 0 && /^\p{Script=Han}{2,3}$/u.test(d.filing.person), d.key);
      assert.match(d.filing.phone, /^0356-[2-8]\d{6}$/, d.key);
      assert.match(d.catalogCode, /^\d{2}$/);
    }
  });

  it('include the departments and demo usernames the demo needs', () => {
    const keys = ['sjj', 'fgw', 'yjj', 'jtj', 'gaj', 'wlj', 'sthjj', 'scjgj', 'spj', 'gzw', 'zjj', 'ghzyj', 'swj', 'gxj',
      'xfzd', 'czj', 'rsj', 'wjw', 'mzj', 'tjj', 'zzx.sjj', 'zzx.zrzyj'];
    for (const k of keys) departmentByKey(k);
    assert.equal(departmentByKey('jtj').shortName, '市交通局');
    assert.equal(departmentByKey('jtj').name, '晋城市交通运输局');
    assert.equal(departmentByKey('zzx.zrzyj').regionCode, '140525');
  });

  it('have exactly one 政务数据主管部门 per region: 市大数据应用局 for the city', () => {
    for (const r of REGIONS) {
      assert.equal(DEPARTMENTS.filter((d) => d.role === 'authority' && d.regionCode === r.code).length, 1, r.name);
    }
    assert.equal(authorityFor(CITY_CODE).key, 'sjj');
    assert.equal(authorityFor('140525').key, 'zzx.sjj');
  });

  it('quote lines that are in the gazette', { skip: !existsSync(GAZETTE) && 'gazette not present' }, () => {
    const flat = readFileSync(GAZETTE, 'utf8').replace(/\s+/g, '');
    for (const d of DEPARTMENTS) {
      if (d.gazetteQuote) assert.ok(flat.includes(d.gazetteQuote.replace(/\s+/g, '')), `${d.key}: ${d.gazetteQuote}`);
      if (d.nameSource === 'gazette') assert.ok(flat.includes(d.name), `${d.key}: ${d.name} is not in the gazette`);
      if (d.nameSource !== 'invented') assert.ok(flat.includes(d.shortName), `${d.key}: ${d.shortName} is not in the gazette`);
    }
  });
});

describe('categories', () => {
  it('use 2-digit 项 and 3-digit 目 codes and reject unknown ones', () => {
    for (const table of [BASIC_ITEMS, THEME_ITEMS]) {
      for (const [item, node] of Object.entries(table)) {
        assert.match(item, /^\d{2}$/);
        for (const sub of Object.keys(node.subItems)) assert.match(sub, /^\d{3}$/);
      }
    }
    assert.throws(() => theme('03', '999'));
    assert.equal(categoryLabel(theme('03', '001')), '主题类 / 生态环境 / 地下水污染防治');
  });

  it('name databases led by known departments', () => {
    assert.equal(new Set(DEMO_DATABASES.map((d) => d.key)).size, DEMO_DATABASES.length);
    for (const db of DEMO_DATABASES) departmentByKey(db.lead);
  });
});
