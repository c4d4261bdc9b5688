/**
 * Security rules of a catalog entry: who may be opened to the public (§24; security rules §18, §28),
 * masking of sensitive items (security rules §25 加工, §27 提供: 涉敏数据脱敏后再提供) and the grade an
 * entry holding sensitive items should carry (security rules §16).
 */
import type { Grade, OpenType } from './types.ts';
import { ITEM_TYPE_LABELS, MASKING_RULE_LABELS, SENSITIVE_TYPE_LABELS } from './labels.ts';
import { MASKING_RULE_SPECS, maskingFitsType, minimumGradeFor } from './sensitivity.ts';
import { isBlank, itemRef, type EntryRule, type Finding } from './entry-view.ts';

const OPENED: readonly OpenType[] = ['open', 'conditional'];

/**
 * The most open an entry of each grade may be (platform policy for security rules §28, which asks
 * what may be opened and with what safeguards): L1 不敏感 may be opened freely, L2 only on conditions,
 * L3 and L4 never.
 */
export const MAX_OPEN_TYPE_BY_GRADE: { readonly [K in Grade]: OpenType } = {
  1: 'open',
  2: 'conditional',
  3: 'closed',
  4: 'closed',
};

export const SECURITY_RULES: readonly EntryRule[] = [
  {
    code: 'OPEN_NOT_SHARED',
    level: 'error',
    article: '§24',
    check(e) {
      if (e.shareType !== 'none' || e.openType === undefined || !OPENED.includes(e.openType)) return [];
      return [{ field: 'openType', zh: '不予共享的数据不能向社会开放，开放属性应为不予开放', en: 'Data not shared between departments cannot be opened to the public: open type must be not open' }];
    },
  },
  {
    code: 'OPEN_GRADE_TOO_HIGH',
    level: 'error',
    article: 'Sec §28',
    check(e) {
      if (e.grade === undefined || e.openType === undefined || MAX_OPEN_TYPE_BY_GRADE[e.grade] !== 'closed' || !OPENED.includes(e.openType)) return [];
      return [{ field: 'openType', zh: `L${e.grade} 级数据不能向社会开放（含有条件开放），开放属性应为不予开放`, en: `Open type must be not open: L${e.grade} data cannot be opened to the public, not even conditionally` }];
    },
  },
  {
    code: 'OPEN_GRADE2_UNCONDITIONAL',
    level: 'error',
    article: 'Sec §28',
    check(e) {
      if (e.grade === undefined || e.openType !== 'open' || MAX_OPEN_TYPE_BY_GRADE[e.grade] !== 'conditional') return [];
      return [{ field: 'openType', zh: `L${e.grade} 级数据只能有条件开放，开放属性不能为无条件开放`, en: `Open type: L${e.grade} data may only be opened conditionally` }];
    },
  },
  {
    code: 'OPEN_IMPORTANT',
    level: 'error',
    article: 'Sec §28',
    check(e) {
      if (e.important !== true || e.openType === undefined || !OPENED.includes(e.openType)) return [];
      return [{ field: 'openType', zh: '重要数据不能向社会开放，开放属性应为不予开放', en: 'Open type must be not open: important data (重要数据) cannot be opened to the public' }];
    },
  },
  {
    code: 'OPEN_METHOD_REQUIRED',
    level: 'error',
    article: '§9',
    check(e) {
      if (e.openType === undefined || !OPENED.includes(e.openType) || e.openMethod !== undefined) return [];
      return [{ field: 'openMethod', zh: '向社会开放的数据须填写开放方式', en: 'Opened data needs an open method' }];
    },
  },
  {
    code: 'OPEN_METHOD_IGNORED',
    level: 'warning',
    article: '§9',
    check(e) {
      if (e.openType !== 'closed' || e.openMethod === undefined) return [];
      return [{ field: 'openMethod', zh: '不予开放的数据无需开放方式，此处填写的开放方式将被忽略', en: 'Data not opened has no open method; this one is ignored' }];
    },
  },
  {
    code: 'MASKING_REQUIRED',
    level: 'error',
    article: 'Sec §27',
    check(e) {
      // 不予共享 data is never delivered, so there is nothing to mask.
      if (e.shareType === 'none') return [];
      return e.items.flatMap((it): Finding[] => {
        if (it.sensitiveType === undefined || (it.masking !== undefined && it.masking !== 'none')) return [];
        // An unknown masking value is reported once, as INVALID_VALUE.
        if (it.masking === undefined && !isBlank(it.raw?.masking)) return [];
        const s = SENSITIVE_TYPE_LABELS[it.sensitiveType];
        return [{
          field: `${it.path}.masking`,
          zh: `${itemRef(it).zh}含敏感信息（${s.zh}），须设置脱敏规则后再提供`,
          en: `${itemRef(it).en} holds sensitive data (${s.en}): it needs a masking rule`,
        }];
      });
    },
  },
  {
    code: 'MASKING_PARAM_REQUIRED',
    level: 'error',
    article: 'Sec §25',
    check(e) {
      return e.items.flatMap((it): Finding[] => {
        if (it.masking === undefined || !MASKING_RULE_SPECS[it.masking].needsParam) return [];
        const p = it.maskingParam;
        if (typeof p === 'number' && Number.isSafeInteger(p) && p >= 1) return [];
        const m = MASKING_RULE_LABELS[it.masking];
        return [{
          field: `${it.path}.maskingParam`,
          zh: `${itemRef(it).zh}的脱敏规则「${m.zh}」须填写脱敏参数 N（≥1 的整数）`,
          en: `${itemRef(it).en}: masking rule "${m.en}" needs a masking parameter N (an integer ≥ 1)`,
        }];
      });
    },
  },
  {
    code: 'MASKING_INEFFECTIVE',
    level: 'warning',
    article: 'Sec §25',
    check(e) {
      return e.items.flatMap((it): Finding[] => {
        const p = it.maskingParam;
        const len = it.length;
        if (typeof p !== 'number' || typeof len !== 'number' || !Number.isSafeInteger(p) || p < 1) return [];
        const kept = it.masking === 'keep_first_last' ? 2 * p : it.masking === 'keep_first' || it.masking === 'keep_last' ? p : undefined;
        if (kept === undefined || kept < len) return [];
        return [{
          field: `${it.path}.maskingParam`,
          zh: `${itemRef(it).zh}长度为 ${len}，按脱敏参数保留 ${kept} 位等于不脱敏`,
          en: `${itemRef(it).en} is ${len} characters long: with this masking parameter ${kept} are kept and nothing is masked`,
        }];
      });
    },
  },
  {
    code: 'MASKING_TYPE_MISMATCH',
    level: 'error',
    article: 'Sec §25',
    check(e) {
      return e.items.flatMap((it): Finding[] => {
        if (it.masking === undefined || it.type === undefined || maskingFitsType(it.masking, it.type)) return [];
        const m = MASKING_RULE_LABELS[it.masking];
        const t = ITEM_TYPE_LABELS[it.type];
        return [{
          field: `${it.path}.masking`,
          zh: `${itemRef(it).zh}为${t.zh}，不能使用脱敏规则「${m.zh}」`,
          en: `${itemRef(it).en} is of type ${t.en}: masking rule "${m.en}" does not apply`,
        }];
      });
    },
  },
  {
    code: 'GRADE_TOO_LOW',
    level: 'warning',
    article: 'Sec §16',
    check(e) {
      const grade = e.grade;
      if (grade === undefined) return [];
      const low = e.items.filter((it) => it.sensitiveType !== undefined && minimumGradeFor(it.sensitiveType) > grade);
      if (low.length === 0) return [];
      const min = Math.max(...low.map((it) => (it.sensitiveType ? minimumGradeFor(it.sensitiveType) : 1)));
      const zhItems = low.map((it) => `${itemRef(it).zh}（${it.sensitiveType ? SENSITIVE_TYPE_LABELS[it.sensitiveType].zh : ''}）`);
      const enItems = low.map((it) => `${itemRef(it).en} (${it.sensitiveType ? SENSITIVE_TYPE_LABELS[it.sensitiveType].en : ''})`);
      return [{
        field: 'grade',
        zh: `数据分级 L${grade} 偏低：${zhItems.join('、')}属敏感信息，建议至少 L${min}`,
        en: `Grade L${grade} seems too low for the sensitive data in ${enItems.join(', ')}; at least L${min} expected`,
      }];
    },
  },
];
