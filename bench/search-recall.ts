/**
 * Which Chinese indexing finds what users type (§27)? Measures recall of two schemes over the demo
 * catalog's names, summaries and data items, for queries of the kind department users type —
 * fragments of official names, not dictionary words:
 *   - bigram: Han unigrams + bigrams indexed, a query's bigrams ANDed (what GDX uses);
 *   - segmenter: words from ICU's dictionary segmentation (Intl.Segmenter) on both sides.
 * A query "should find" an entry when the entry's text contains it literally.
 * Run: npx tsx bench/search-recall.ts
 */
import { DEMO_ENTRIES } from '../src/demo/entries.ts';
import { indexTerms, queryTerms } from '../src/domain/search/terms.ts';

const QUERIES = [
  '重点工程', '工程项目', '身份号码', '公民身份', '身份证', '自行车', '共享单车', '租赁自行车', '文物', '不可移动文物',
  '地下水', '污染源', '下水', '产能置换', '高炉', '特种设备', '使用登记', '救灾物资', '物资储备', '外部董事',
  '人才库', '法人', '统一社会信用代码', '信用代码', '法定代表人', '手机号码', '电梯', '隐患', '地质灾害', '消防',
  '医疗机构', '煤矿', '自建房', '视频监控', '建设地点', '项目名称', '登记证', '出生日期', '户籍', '运营企业',
  '互联网', '产能', '污染防治', '设备使用', '高炉产能', '文物名录', '董事人才', '种设备', '信用', '身份',
];

const seg = new Intl.Segmenter('zh', { granularity: 'word' });
const words = (t: string) => [...seg.segment(t)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());

const docs = DEMO_ENTRIES.map((e) => [e.body.name, e.body.summary, ...e.body.items.map((i) => `${i.label} ${i.name}`)].join(' '));
const bigramIndex = docs.map((d) => new Set(indexTerms(d)));
const wordIndex = docs.map((d) => new Set(words(d)));

let expected = 0;
let bigramHits = 0;
let wordHits = 0;
let bigramFalse = 0;
const rows: string[] = [];
for (const q of QUERIES) {
  const truth = docs.map((d) => d.includes(q));
  const bq = queryTerms(q);
  const wq = words(q);
  const byBigram = bigramIndex.map((ix) => bq.length > 0 && bq.every((t) => ix.has(t.term)));
  const byWord = wordIndex.map((ix) => wq.length > 0 && wq.every((w) => ix.has(w)));
  const n = truth.filter(Boolean).length;
  const b = truth.filter((t, i) => t && byBigram[i]).length;
  const w = truth.filter((t, i) => t && byWord[i]).length;
  bigramFalse += byBigram.filter((hit, i) => hit && !truth[i]).length;
  expected += n;
  bigramHits += b;
  wordHits += w;
  if (n > 0) rows.push(`| ${q} | ${n} | ${b} | ${w} |`);
}

console.log(`${DEMO_ENTRIES.length} demo entries, ${QUERIES.length} queries\n`);
console.log('| query | entries containing it | found by bigrams | found by ICU words |');
console.log('|---|---|---|---|');
console.log(rows.join('\n'));
const pct = (x: number) => `${((100 * x) / expected).toFixed(1)} %`;
console.log(`\nrecall: bigrams ${bigramHits}/${expected} (${pct(bigramHits)}), ICU words ${wordHits}/${expected} (${pct(wordHits)})`);
console.log(`bigram matches not containing the query literally: ${bigramFalse}`);
