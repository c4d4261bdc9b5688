import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import type { DataItem } from '../domain/catalog/types.ts';
import { DEMO_ENTRIES } from './entries.ts';
import { GROUNDWATER_ZONES, POLLUTION_SOURCES } from './entries-environment.ts';
import { BIKE_CAP_CITY } from './entries-society.ts';
import { isValidIdCard, isValidMobile, isValidUscc, birthDateOfIdCard, sexOfIdCard } from './ids.ts';
import { DEMO_SEED, DEMO_TODAY, type Row, rowsFor } from './rows.ts';
import { BIKE_OPERATORS } from './rows-society.ts';

const rowsOf = new Map(DEMO_ENTRIES.map((e) => [e.key, rowsFor(e.key)]));
const rows = (key: string): Row[] => rowsOf.get(key) ?? assert.fail(`no rows for ${key}`);

function typeOk(item: DataItem, v: unknown): boolean {
  if (v === null) return !item.key;
  switch (item.type) {
    case 'string': return typeof v === 'string' && v.length > 0 && v.length <= (item.length ?? Infinity);
    case 'integer': return Number.isSafeInteger(v);
    case 'decimal': return typeof v === 'number' && Number.isFinite(v);
    case 'date': return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
    case 'datetime': return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(v);
    case 'boolean': return typeof v === 'boolean';
    case 'binary': return v instanceof Uint8Array;
  }
}

describe('rowsFor', () => {
  for (const e of DEMO_ENTRIES) {
    it(`${e.body.name}: rows have exactly the items as keys, typed values and valid IDs`, () => {
      const rs = rows(e.key);
      const names = e.body.items.map((i) => i.name).sort();
      const basic = e.key === 'population' || e.key === 'legal-persons';
      if (basic) assert.equal(rs.length, 2000);
      else if (e.key !== 'groundwater-pollution-sources') assert.ok(rs.length >= 50 && rs.length <= 500, `${rs.length} rows`);
      const keys = e.body.items.filter((i) => i.key).map((i) => i.name);
      const seen = new Set<string>();
      for (const r of rs) {
        assert.deepEqual(Object.keys(r).sort(), names);
        for (const item of e.body.items) {
          const v = r[item.name];
          assert.ok(typeOk(item, v), `${item.name} = ${JSON.stringify(v)}`);
          if (typeof v !== 'string') continue;
          if (item.sensitiveType === 'id_card') assert.ok(isValidIdCard(v), `${item.name} ${v}`);
          if (item.sensitiveType === 'phone') assert.ok(isValidMobile(v), `${item.name} ${v}`);
          if (item.label.endsWith('统一社会信用代码')) assert.ok(isValidUscc(v), `${item.name} ${v}`);
          if (item.type === 'date') assert.ok(v <= '2029-12-31', `${item.name} ${v}`);
        }
        if (keys.length > 0) {
          const k = keys.map((n) => String(r[n])).join('|');
          assert.ok(!seen.has(k), `duplicate key ${k}`);
          seen.add(k);
        }
      }
    });
  }

  it('is deterministic per seed', () => {
    assert.deepEqual(rowsFor('external-director-pool', DEMO_SEED), rows('external-director-pool'));
    assert.notDeepEqual(rowsFor('external-director-pool', 'another seed'), rows('external-director-pool'));
    assert.deepEqual(rowsFor('key-projects-2024', 'another seed'), rows('key-projects-2024'), 'real rows do not depend on the seed');
  });

  it('rejects an unknown entry', () => {
    assert.throws(() => rowsFor('no-such-entry'), /no row generator/);
  });

  it('can read the key projects from injected text', () => {
    const csv = '序号,大类,小类,项目名称,层级,建设地点\n1,基础设施,水利,测试项目,市重点,城区、泽州县\n';
    assert.deepEqual(rowsFor('key-projects-2024', 1, { keyProjectsCsv: () => csv }), [
      { seq: 1, category: '基础设施', subcategory: '水利', project_name: '测试项目', level: '市重点', location: '城区、泽州县' },
    ]);
  });
});

describe('rows agree with the gazette', () => {
  it('地下水重点区: the zone counts and areas, exactly', () => {
    for (const z of GROUNDWATER_ZONES) {
      const rs = rows('groundwater-key-zones').filter((r) => r.zone_type === z.zoneType);
      assert.equal(rs.length, z.count, z.zoneType);
      const total = rs.reduce((s, r) => s + Math.round((r.area_km2 as number) * 1000), 0);
      assert.equal(total, Math.round(z.areaKm2 * 1000), z.zoneType);
    }
    // 八: "保护区总面积197.14平方公里 … 管控区总面积 512.95平方公里".
    const sum = (cls: string) =>
      rows('groundwater-key-zones').filter((r) => r.zone_class === cls).reduce((s, r) => s + Math.round((r.area_km2 as number) * 1000), 0);
    assert.equal(sum('保护类区域'), 197_136);
    assert.equal(sum('管控类区域'), 512_950);
  });

  it('地下水污染源: 394/437/5/13/225/686 by type', () => {
    for (const { type, count } of POLLUTION_SOURCES) {
      assert.equal(rows('groundwater-pollution-sources').filter((r) => r.source_type === type).length, count, type);
    }
  });

  it('长观井: 169 wells', () => {
    assert.equal(rows('groundwater-monitoring-wells').length, 169);
  });

  it('共享单车: fleets under the 1.8万辆 cap, only in 市区 and the 接驳区, e-bikes plated', () => {
    assert.ok(BIKE_OPERATORS.reduce((s, o) => s + o.fleet, 0) <= BIKE_CAP_CITY);
    for (const r of rows('shared-bike-operations')) {
      assert.ok(['城区', '晋城经济技术开发区', '接驳区'].includes(r.area as string));
      assert.equal(r.plate_no === null, r.vehicle_type === '自行车');
      assert.equal(r.battery_pct === null, r.vehicle_type === '自行车');
    }
  });

  it('产能置换: 1.25:1 减量 or 1:1 等量, dismantled before production, ≥ 5 working days of 公示', () => {
    for (const r of rows('blast-furnace-capacity-replacement')) {
      const ratio = r.replacement_kind === '减量置换' ? 1.25 : 1;
      assert.equal(r.exit_volume_m3, Math.round((r.new_volume_m3 as number) * ratio * 100) / 100);
      assert.ok((r.dismantle_done as string) < (r.planned_production as string));
      assert.ok((r.publicity_start as string) >= '2024-04-15');
      // 第十三条 "公示期不少于 5个工作日", counted on the official 2024 calendar (调休 included).
      assert.ok(chineseDays.getWorkdaysInRange(r.publicity_start as string, r.publicity_end as string, false).length >= 5);
    }
  });

  it('外部董事: ages 40–62, ≤2 任职企业 (retired ≤1), 3-year qualification, and every person is in 人口基础信息', () => {
    const people = new Map(rows('population').map((p) => [p.id_number, p]));
    for (const r of rows('external-director-pool')) {
      const id = r.id_number as string;
      const age = Number(DEMO_TODAY.slice(0, 4)) - Number(id.slice(6, 10));
      assert.ok(age >= 40 && age <= 63, `${age}`);
      assert.equal(r.birth_date, birthDateOfIdCard(id));
      assert.equal(r.gender, sexOfIdCard(id) === 'M' ? '男' : '女');
      const companies = r.serving_companies === null ? [] : (r.serving_companies as string).split('、');
      assert.ok(companies.length <= ((r.employer as string).startsWith('已退休') ? 1 : 2));
      assert.equal(r.evaluation === null, companies.length === 0);
      const p = people.get(id);
      assert.ok(p, id);
      assert.equal(p.name, r.name);
    }
  });

  it('companies named in other entries are in 法人基础信息 with the same name', () => {
    const companies = new Map(rows('legal-persons').map((c) => [c.uscc, c.org_name]));
    for (const r of rows('safety-permits')) assert.equal(companies.get(r.uscc), r.org_name);
    for (const r of rows('special-equipment-registration')) assert.equal(companies.get(r.user_uscc), r.user_name);
  });

  it('人口: identity numbers agree with 性别 and 出生日期', () => {
    for (const p of rows('population')) {
      assert.equal(p.birth_date, birthDateOfIdCard(p.id_number as string));
      assert.equal(p.gender, sexOfIdCard(p.id_number as string) === 'M' ? '男' : '女');
    }
  });
});
