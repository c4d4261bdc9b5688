import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readKeyProjectsCsv } from './data-files.ts';
import { keyProjectRow, parseCsv, parseKeyProjectsCsv, splitPlaces } from './key-projects.ts';
import { COUNTY_NAMES } from './people.ts';

const countBy = <T>(xs: readonly T[], key: (x: T) => string) =>
  xs.reduce<Record<string, number>>((m, x) => ({ ...m, [key(x)]: (m[key(x)] ?? 0) + 1 }), {});

describe('2024年省市重点工程项目名单 (晋市政办〔2024〕12号)', () => {
  const projects = parseKeyProjectsCsv(readKeyProjectsCsv());

  it('has the 198 projects of the gazette ("合 计（198 个）"), numbered 1–198', () => {
    assert.equal(projects.length, 198);
    assert.deepEqual(projects.map((p) => p.seq), Array.from({ length: 198 }, (_, i) => i + 1));
  });

  it('matches the section headers of the document and the README: 省重点 68, 市重点 130', () => {
    assert.deepEqual(countBy(projects, (p) => p.level), { 市重点: 130, 省重点: 68 });
    // "一、产业转型（66 个）" "二、能源革命（29 个）" "三、科技创新（1 个）" "四、基础设施（38 个）" "五、社会民生（64 个）"
    assert.deepEqual(countBy(projects, (p) => p.category), { 产业转型: 66, 能源革命: 29, 科技创新: 1, 基础设施: 38, 社会民生: 64 });
    // Sub-section headers, e.g. "（二）第三代半导体产业链（7个）", "（六）市政等其他民生（36个）".
    const sub = countBy(projects, (p) => p.subcategory);
    const expected: Record<string, number> = {
      高端装备制造产业链: 2, 第三代半导体产业链: 7, 新能源汽车产业链: 1, 特钢材料产业链: 1, 光伏产业链: 1, 现代医药产业链: 1,
      新型储能产业链: 2, 碳基新材料产业链: 6, 信息技术融合应用产业链: 6, 专业镇: 5, 现代农业: 5, 文旅康养: 11, 商贸物流: 12,
      战略物资储备: 1, 其他产业: 5, 能源保供增产: 8, 保障性并网新能源发电: 10, 抽水蓄能: 2, 省内电网补强: 2,
      非常规天然气增储上产: 7, 科创平台: 1, 新基建: 2, 铁路: 6, 公路: 14, 机场: 1, 水利: 5, 开发区基础设施: 10,
      '城市建设“三大工程”': 3, '乡村振兴“千万工程”': 1, 生态修复治理: 2, 卫生健康: 12, 教育提质: 10, 市政等其他民生: 36,
    };
    assert.deepEqual(sub, expected);
  });

  it('splits 建设地点 lists on 、 into 晋城 counties, 全市 or 市区', () => {
    const places = new Set(projects.flatMap((p) => p.places));
    const known = new Set([...Object.values(COUNTY_NAMES), '全市', '市区']);
    for (const p of places) assert.ok(known.has(p), p);
    assert.ok(projects.some((p) => p.places.length > 1));
    const multi = projects.find((p) => p.places.length > 1);
    assert.ok(multi);
    assert.equal(keyProjectRow(multi).location, multi.places.join('、'));
  });
});

describe('CSV parsing', () => {
  it('handles quotes, escaped quotes, embedded commas and newlines, CRLF and a BOM', () => {
    assert.deepEqual(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\r\n\r\n'), [
      ['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', 'z'],
    ]);
    assert.deepEqual(parseCsv('a,b'), [['a', 'b']]);
    assert.throws(() => parseCsv('"open'));
  });

  it('splits place lists tolerantly', () => {
    assert.deepEqual(splitPlaces('城区、 泽州县，高平市'), ['城区', '泽州县', '高平市']);
  });

  it('rejects a wrong header, a wrong 层级 and a short row with the line number', () => {
    const header = '序号,大类,小类,项目名称,层级,建设地点';
    assert.throws(() => parseKeyProjectsCsv('序号,大类\n1,a'), /header/);
    assert.throws(() => parseKeyProjectsCsv(`${header}\n1,产业转型,专业镇,某项目,县重点,城区`), /line 2.*层级/);
    assert.throws(() => parseKeyProjectsCsv(`${header}\n1,产业转型,专业镇,某项目,市重点`), /line 2/);
    assert.deepEqual(parseKeyProjectsCsv(`${header}\n7,社会民生,水利,"某项目,一期",省重点,城区、泽州县`)[0], {
      seq: 7, category: '社会民生', subcategory: '水利', name: '某项目,一期', level: '省重点', places: ['城区', '泽州县'],
    });
  });
});
