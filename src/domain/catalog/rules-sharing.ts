/**
 * Sharing rules of a catalog entry: §17 (共享方式 by the nature of the data), §22 (what is 有条件),
 * §23 (共享范围 / 不予共享依据) and §13 (关联资源代码 follow the unified coding rule).
 */
import type { DataFormat, ShareMethod, UpdateCycle } from './types.ts';
import { DATA_FORMAT_LABELS, SHARE_METHOD_LABELS, UPDATE_CYCLE_LABELS } from './labels.ts';
import { parseCode } from './code.ts';
import { itemRef, type EntryRule, type Finding } from './entry-view.ts';

/**
 * Which share methods each data format can be delivered by (§17, §11 逻辑一致性): files travel as
 * files; a database can be exchanged as tables, served as an API or verified against; an API can only
 * be called (or verified through).
 */
export const FORMAT_SHARE_METHODS: { readonly [K in DataFormat]: readonly ShareMethod[] } = {
  database: ['table', 'api', 'verify'],
  api: ['api', 'verify'],
  csv: ['file'],
  xlsx: ['file'],
  pdf: ['file'],
  docx: ['file'],
  image: ['file'],
  video: ['file'],
  archive: ['file'],
  'other-file': ['file'],
};

/** §17 变化频繁、时效性较强: cycles at which the data counts as frequently changing. */
export const FREQUENT_UPDATE_CYCLES: readonly UpdateCycle[] = ['realtime', 'daily'];
/** Methods that are an API call for the consumer (verification is answered by an API too). */
export const API_METHODS: readonly ShareMethod[] = ['api', 'verify'];

export const SHARING_RULES: readonly EntryRule[] = [
  {
    code: 'SHARE_SCOPE_REQUIRED',
    level: 'error',
    article: '§23',
    check(e) {
      if (e.shareType !== 'conditional' || e.shareScope !== undefined) return [];
      return [{ field: 'shareScope', zh: '有条件共享须标明共享范围', en: 'Conditional sharing needs a share scope' }];
    },
  },
  {
    code: 'NOT_SHARE_BASIS_REQUIRED',
    level: 'error',
    article: '§23',
    check(e) {
      if (e.shareType !== 'none' || e.notShareBasis !== undefined) return [];
      return [{
        field: 'notShareBasis',
        zh: '不予共享须提供不予共享依据（法律、法规、规章、政策等）',
        en: 'Not-shared data needs its basis for not sharing (a law, regulation, rule or policy)',
      }];
    },
  },
  {
    code: 'SHARE_SCOPE_IGNORED',
    level: 'warning',
    article: '§23',
    check(e) {
      if (e.shareType === undefined || e.shareType === 'conditional' || e.shareScope === undefined) return [];
      return [{ field: 'shareScope', zh: '只有有条件共享需要共享范围，此处填写的共享范围将被忽略', en: 'Only conditional sharing has a share scope; this one is ignored' }];
    },
  },
  {
    code: 'NOT_SHARE_BASIS_IGNORED',
    level: 'warning',
    article: '§23',
    check(e) {
      if (e.shareType === undefined || e.shareType === 'none' || e.notShareBasis === undefined) return [];
      return [{ field: 'notShareBasis', zh: '只有不予共享需要依据，此处填写的不予共享依据将被忽略', en: 'Only not-shared data has a basis for not sharing; this one is ignored' }];
    },
  },
  {
    code: 'FORMAT_METHOD_MISMATCH',
    level: 'error',
    article: '§17',
    check(e) {
      if (e.format === undefined || e.shareMethod === undefined) return [];
      const allowed = FORMAT_SHARE_METHODS[e.format];
      if (allowed.includes(e.shareMethod)) return [];
      const f = DATA_FORMAT_LABELS[e.format];
      const m = SHARE_METHOD_LABELS[e.shareMethod];
      return [{
        field: 'shareMethod',
        zh: `数据格式为「${f.zh}」的资源，共享方式不能为「${m.zh}」，可选：${allowed.map((a) => SHARE_METHOD_LABELS[a].zh).join('、')}`,
        en: `Share method ${m.en} does not suit data format ${f.en}; possible: ${allowed.map((a) => SHARE_METHOD_LABELS[a].en).join(', ')}`,
      }];
    },
  },
  {
    code: 'SHOULD_USE_API',
    level: 'warning',
    article: '§17',
    check(e) {
      if (e.shareMethod === undefined || API_METHODS.includes(e.shareMethod)) return [];
      const frequent = e.updateCycle !== undefined && FREQUENT_UPDATE_CYCLES.includes(e.updateCycle);
      if (!frequent && e.parallelApproval !== true) return [];
      const why = frequent && e.updateCycle
        ? { zh: `更新周期为「${UPDATE_CYCLE_LABELS[e.updateCycle].zh}」，变化频繁、时效性强`, en: `it changes ${UPDATE_CYCLE_LABELS[e.updateCycle].en.toLowerCase()}` }
        : { zh: '涉及跨部门并联审批和协同办公', en: 'it is used in cross-department parallel approval' };
      return [{ field: 'shareMethod', zh: `该资源${why.zh}，共享方式应采用接口（API）`, en: `Share method should be API: ${why.en}` }];
    },
  },
  {
    code: 'VERIFY_NEEDS_KEY',
    level: 'error',
    article: '§22',
    check(e) {
      if (e.shareMethod !== 'verify' || e.items.some((it) => it.key)) return [];
      return [{ field: 'items', zh: '核验（比对）方式须至少标记一个主键数据项，作为比对依据', en: 'Data items: verification needs at least one item marked as key to match records on' }];
    },
  },
  {
    code: 'VERIFY_SHOULD_BE_CONDITIONAL',
    level: 'warning',
    article: '§22',
    check(e) {
      if (e.shareMethod !== 'verify' || e.shareType !== 'unconditional') return [];
      return [{ field: 'shareType', zh: '只能进行数据比对的数据，共享属性应为有条件共享', en: 'Share type should be conditional: data shared only by verification (比对) is conditional' }];
    },
  },
  {
    code: 'MASKED_SHOULD_BE_CONDITIONAL',
    level: 'warning',
    article: '§22',
    check(e) {
      if (e.shareType !== 'unconditional') return [];
      const masked = e.items.filter((it) => it.sensitiveType !== undefined || (it.masking !== undefined && it.masking !== 'none'));
      if (masked.length === 0) return [];
      return [{
        field: 'shareType',
        zh: `应进行数据脱敏的数据，共享属性应为有条件共享：${masked.map((it) => itemRef(it).zh).join('、')}需脱敏`,
        en: `Share type should be conditional: data that must be masked is conditional (${masked.map((it) => itemRef(it).en).join(', ')})`,
      }];
    },
  },
  {
    code: 'RELATED_CODE_INVALID',
    level: 'error',
    article: '§13',
    check(e, ctx) {
      if (!Array.isArray(e.relatedCodes)) return [];
      const out: Finding[] = [];
      e.relatedCodes.forEach((c: unknown, i) => {
        if (typeof c !== 'string') return; // reported as INVALID_VALUE
        const r = parseCode(ctx.codingRule, c.trim());
        if (!r.ok) out.push({ field: `relatedCodes[${i}]`, zh: `关联资源代码：${r.error.zh}`, en: `Related resource codes: ${r.error.en}` });
      });
      return out;
    },
  },
];
