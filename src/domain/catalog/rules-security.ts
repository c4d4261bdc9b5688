/**
 * Security rules of a catalog entry: who may be opened to the public (§24; security rules §18, §28),
 * how openly an entry may be shared by its grade (security rules §16, §27), masking of sensitive items
 * (security rules §25 加工, §27 提供: 涉敏数据脱敏后再提供), the grade an entry holding sensitive items
 * should carry (security rules §16) and the refusal of 核心数据 (security rules §2). What each grade
 * allows is the platform's grading rule set (domain/grading), passed in the rule context.
 */
import type { Grade, OpenType } from './types.ts';
import { ITEM_TYPE_LABELS, MASKING_RULE_LABELS, SENSITIVE_TYPE_LABELS, SHARE_TYPE_LABELS } from './labels.ts';
import { MASKING_RULE_SPECS, maskingFitsType } from './sensitivity.ts';
import { isBlank, itemRef, type EntryRule, type EntryView, type Finding } from './entry-view.ts';
import { CORE_DATA_REFUSAL, effectivePolicy, minimumGrade, openTypeAllowed, shareTypeAllowed } from '../grading/requirements.ts';
import type { GradingRuleSet } from '../grading/types.ts';

const OPENED: readonly OpenType[] = ['open', 'conditional'];

/** How the entry is named in grade messages: L3 级 / L3, or L3 级重要数据 / L3 important data. */
function gradeName(e: EntryView & { grade: Grade }): { zh: string; en: string } {
  return e.important ? { zh: `L${e.grade} 级重要数据`, en: `L${e.grade} important data` } : { zh: `L${e.grade} 级数据`, en: `L${e.grade} data` };
}

const marks = (e: EntryView) => ({ important: e.important === true });
/** By the grade alone: 重要数据 has its own rule (OPEN_IMPORTANT), so both are reported when both apply. */
const maxOpen = (grade: Grade, rules: GradingRuleSet): OpenType => rules.grades[grade].maxOpenType;

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
    code: 'CORE_DATA_REFUSED',
    level: 'error',
    article: CORE_DATA_REFUSAL.article,
    check(e) {
      if (e.core !== true) return [];
      return [{ field: 'core', zh: CORE_DATA_REFUSAL.zh, en: CORE_DATA_REFUSAL.en }];
    },
  },
  {
    code: 'OPEN_GRADE_TOO_HIGH',
    level: 'error',
    article: 'Sec §28',
    check(e, ctx) {
      if (e.grade === undefined || e.openType === undefined || !OPENED.includes(e.openType)) return [];
      const grade = e.grade;
      if (maxOpen(grade, ctx.grading) !== 'closed') return [];
      return [{ field: 'openType', zh: `L${grade} 级数据不能向社会开放（含有条件开放），开放属性应为不予开放`, en: `Open type must be not open: L${grade} data cannot be opened to the public, not even conditionally` }];
    },
  },
  {
    code: 'OPEN_GRADE2_UNCONDITIONAL',
    level: 'error',
    article: 'Sec §28',
    check(e, ctx) {
      if (e.grade === undefined || e.openType !== 'open') return [];
      const grade = e.grade;
      if (maxOpen(grade, ctx.grading) !== 'conditional') return [];
      return [{ field: 'openType', zh: `L${grade} 级数据只能有条件开放，开放属性不能为无条件开放`, en: `Open type: L${grade} data may only be opened conditionally` }];
    },
  },
  {
    code: 'OPEN_IMPORTANT',
    level: 'error',
    article: 'Sec §28',
    check(e, ctx) {
      if (e.important !== true || e.openType === undefined || !OPENED.includes(e.openType)) return [];
      if (e.grade !== undefined && openTypeAllowed(e.openType, e.grade, ctx.grading, marks(e))) return [];
      return [{ field: 'openType', zh: '重要数据不能向社会开放，开放属性应为不予开放', en: 'Open type must be not open: important data (重要数据) cannot be opened to the public' }];
    },
  },
  {
    code: 'SHARE_GRADE_UNCONDITIONAL',
    level: 'error',
    article: 'Sec §27',
    check(e, ctx) {
      if (e.grade === undefined || e.shareType === undefined) return [];
      if (shareTypeAllowed(e.shareType, e.grade, ctx.grading, marks(e))) return [];
      const name = gradeName({ ...e, grade: e.grade });
      const max = SHARE_TYPE_LABELS[effectivePolicy(e.grade, ctx.grading, marks(e)).maxShareType];
      return [{
        field: 'shareType',
        zh: `${name.zh}须经提供部门按分类分级要求内部审查后授权，共享属性最高为「${max.zh}」，不能为「${SHARE_TYPE_LABELS[e.shareType].zh}」`,
        en: `Share type: ${name.en} is granted only after the provider's internal review, so it can be at most "${max.en}", not "${SHARE_TYPE_LABELS[e.shareType].en}"`,
      }];
    },
  },
  {
    code: 'IMPORTANT_GRADE_TOO_LOW',
    level: 'warning',
    article: 'Sec §16',
    check(e, ctx) {
      const min = ctx.grading.important.minGrade;
      if (e.important !== true || e.grade === undefined || e.grade >= min) return [];
      return [{ field: 'grade', zh: `重要数据的数据分级不应低于 L${min}，当前为 L${e.grade}`, en: `Grade: important data should be at least L${min}, not L${e.grade}` }];
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
    check(e, ctx) {
      const grade = e.grade;
      if (grade === undefined) return [];
      const floor = (it: (typeof e.items)[number]) => (it.sensitiveType ? minimumGrade(it.sensitiveType, ctx.grading) : 1);
      const low = e.items.filter((it) => floor(it) > grade);
      if (low.length === 0) return [];
      const min = Math.max(...low.map(floor));
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
