import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { departmentNames, indexTerms, queryTerms, toTsQuery } from './terms.ts';

describe('search terms (§27 检索)', () => {
  it('indexes Han unigrams and bigrams, and Latin words lower-cased', () => {
    assert.deepEqual(indexTerms('重点工程 API'), ['重', '点', '工', '程', '重点', '点工', '工程', 'api']);
  });

  const found = (doc: string, query: string) => {
    const index = new Set(indexTerms(doc));
    return queryTerms(query).every((q) => (q.prefix ? [...index].some((t) => t.startsWith(q.term)) : index.has(q.term)));
  };

  const cases: [string, string, boolean][] = [
    ['2024年省市重点工程项目名单', '重点工程', true],
    ['2024年省市重点工程项目名单', '工程项目', true],
    ['外部董事人才库 公民身份号码', '身份号码', true],
    ['外部董事人才库 公民身份号码', '身份证', false],
    ['互联网租赁自行车运营数据', '自行车', true],
    ['不可移动文物名录', '文', true],
    ['地下水污染防治重点区', '污染源', false],
    ['Special equipment registry', 'equip', true],
    ['特种设备使用登记', '设备 登记', true],
  ];
  for (const [doc, query, expected] of cases) {
    it(`${expected ? 'finds' : 'does not find'} "${query}" in "${doc}"`, () => {
      assert.equal(found(doc, query), expected);
    });
  }

  it('quotes lexemes so quotes and backslashes cannot break the tsquery', () => {
    assert.equal(toTsQuery(queryTerms("o'neil")), "'o':* & 'neil':*");
    assert.equal(toTsQuery([{ term: "a'b\\", prefix: false }]), "'a''b\\\\'");
  });

  it('gives no terms for punctuation-only queries', () => {
    assert.deepEqual(queryTerms('，。!?'), []);
  });

  describe('a department is found by what users call it', () => {
    const fgw = departmentNames('晋城市发展和改革委员会', '市发展改革委');
    for (const query of ['晋城市发展和改革委员会', '市发展改革委', '发展改革委', '发改委', '市发展和改革委员会']) {
      it(`finds 晋城市发展和改革委员会 by "${query}"`, () => assert.ok(found(fgw, query)));
    }
    it('finds 市市场监管局 by 市监局, a county one too', () => {
      assert.ok(found(departmentNames('晋城市市场监督管理局', '市市场监管局'), '市监局'));
      assert.ok(found(departmentNames('泽州县市场监督管理局', '县市场监管局'), '市监局'));
    });
    it('adds no abbreviation a department has no claim to, and no bigram across two names', () => {
      const gaj = departmentNames('晋城市公安局', '市公安局');
      assert.equal(gaj, '晋城市公安局 市公安局');
      assert.ok(!found(gaj, '发改委'));
      assert.ok(!found(fgw, '会市'), 'the full name ends in 会, the short name starts with 市: not one run');
    });
  });
});
