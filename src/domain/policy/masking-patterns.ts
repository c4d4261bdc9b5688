/**
 * Fixed masking patterns for the sensitive types the catalog knows (身份证号, 手机号/固话, 姓名, 银行卡,
 * 地址, 日期). Security rules §25 (数据加工: 脱敏) and §27 (涉敏数据脱敏后再提供).
 *
 * Every pattern fails closed: a value it does not recognise becomes REDACTED ('***'), never the raw
 * value and never a guess that might reveal more than the pattern intends.
 */
import { toShanghaiDate } from '../calendar/index.ts';
import { MASK_CHAR, REDACTED, codePoints, revealEnds } from './masking-text.ts';

/** Spaces and hyphens people type inside numbers ("6222 0212 …", "138-1234-5678"). */
const NUMBER_SEPARATORS = /[\s-]/g;

/**
 * 公民身份号码: keep the 6-digit 行政区划 code and the tail, hide the birth date entirely.
 * 18-digit (GB 11643): region 6 + ******** + 顺序码 and check character (4) → 140525********1234.
 * 15-digit pre-1999 numbers have no check character and a 6-digit birth date (YYMMDD); keeping
 * their last 4 would reveal a digit of the birthday, so they keep the 3-digit 顺序码 only.
 */
export function maskIdCard(s: string): string {
  // The common case, 18 characters as stored, decided without a regular expression (the table sync
  // masks one per row): the same answer as the general path below.
  if (s.length === 18 && isBareId18(s)) return `${s.slice(0, 6)}********${s.charCodeAt(17) === 0x78 ? `${s.slice(14, 17)}X` : s.slice(14)}`;
  const id = s.replace(/\s/g, '');
  if (/^\d{17}[\dXx]$/.test(id)) return `${id.slice(0, 6)}${MASK_CHAR.repeat(8)}${id.slice(14).toUpperCase()}`;
  if (/^\d{15}$/.test(id)) return `${id.slice(0, 6)}${MASK_CHAR.repeat(6)}${id.slice(12)}`;
  return REDACTED;
}

/** /^\d{17}[\dXx]$/ as a loop. */
function isBareId18(s: string): boolean {
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  const last = s.charCodeAt(17);
  return (last >= 0x30 && last <= 0x39) || last === 0x58 || last === 0x78;
}

const MOBILE = /^(\+86|0086|86)?[\s-]?(1\d{2})[\s-]?(\d{4})[\s-]?(\d{4})$/;
/** Landline: optional 区号 (0 + 2–3 digits, maybe in brackets), 7–8 digit local number, optional extension. */
const LANDLINE = /^(?:\(?(0\d{2,3})\)?[\s-]?)?([2-9]\d{6,7})(?:\s*(?:-|转|#|ext\.?)\s*(\d{1,6}))?$/i;

/**
 * 手机号 13812345678 → 138****5678 (the 3-digit network segment and last 4 stay, the 4 digits of the
 * HLR code are hidden); +86 prefixes are kept as "+86 ". 固话 0356-2196301 → 0356-***6301: the area
 * code stays (it is public geography), the local number shows its last 4, an extension is hidden.
 */
export function maskPhone(s: string): string {
  // The common case, an 11-digit mobile number as stored: what MOBILE gives it, without the regular expression.
  if (s.length === 11 && s.charCodeAt(0) === 0x31 && allDigits(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  const t = s.trim();
  const m = MOBILE.exec(t);
  if (m) return `${m[1] ? '+86 ' : ''}${m[2]}****${m[4]}`;
  const l = LANDLINE.exec(t);
  if (l) {
    const [, area, local = '', ext] = l;
    const head = area ? `${area}-` : '';
    const tail = ext ? `-${MASK_CHAR.repeat(ext.length)}` : '';
    return head + revealEnds(local, 0, 4) + tail;
  }
  return REDACTED;
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Separators inside a name (少数民族 阿卜杜拉·买买提, "Zhang San") keep their place so the shape reads. */
const NAME_SEPARATOR = /^[\s·•.\-]$/u;

/**
 * 姓名: keep only the first character. For 复姓 (欧阳娜娜 → 欧***) this shows half the surname, which
 * is the safer side — telling compound from single surnames would need a list and a wrong guess
 * reveals a given-name character. Latin names keep the first letter only: "Zhang San" → "Z**** ***".
 * A one-character value is fully masked.
 */
export function maskName(s: string): string {
  // The common case, two to a few 汉字 (CJK Unified Ideographs: no space, separator or surrogate):
  // the first and a star for each other — what the general path below gives it.
  if (s.length >= 2 && s.length <= 8 && allIdeographs(s)) return s[0] + MASK_CHAR.repeat(s.length - 1);
  const cps = codePoints(s.trim());
  if (cps.length === 0) return REDACTED;
  if (cps.length === 1) return MASK_CHAR;
  return cps.map((c, i) => (i === 0 || NAME_SEPARATOR.test(c) ? c : MASK_CHAR)).join('');
}

function allIdeographs(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}

/**
 * 银行卡号: 16–19 digits (银联 cards) keep the 6-digit BIN and the last 4 (the PCI DSS display form),
 * which still hides at least 6 digits. Shorter account numbers (10–15 digits) keep the last 4 only,
 * since BIN + last 4 would leave too few hidden. Anything else is not a card number.
 */
export function maskBankCard(s: string): string {
  const n = s.replace(NUMBER_SEPARATORS, '');
  if (!/^\d+$/.test(n)) return REDACTED;
  if (n.length >= 16 && n.length <= 19) return revealEnds(n, 6, 4);
  if (n.length >= 10 && n.length <= 15) return revealEnds(n, 0, 4);
  return REDACTED;
}

/**
 * Characters no administrative-division name contains: a segment holding one of them is already
 * inside the street part (镇/乡/街/路/村/号, digits) and must not be revealed.
 */
const NOT_DIVISION = '省市区县旗盟镇乡村街路巷弄号栋楼室0-9０-９\\s';
/** A county-level marker directly followed by one of these was part of a town or street name (陈区镇, 矿区街道, 市场). */
const TOWN_FOLLOWS = '镇乡村街道路巷弄号场';
/** 区 after these is below county level (小区, 社区, 校区, 厂区, 营区, 景区, 片区, 街区, 园区): never a district. */
const SUB_COUNTY_QU = '小社校厂营景片街园';
const ADDRESS_TO_DISTRICT = new RegExp(
  `^(?:[^${NOT_DIVISION}]{2,6}?(?:省|自治区)\\s*)?` + // 省级 (optional)
    `(?:[^${NOT_DIVISION}]{1,12}?(?:市|自治州|地区|盟)\\s*)?` + // 地级 (optional)
    `[^${NOT_DIVISION}]{1,16}?(?:(?<![${SUB_COUNTY_QU}])区|县|市|旗)(?![${TOWN_FOLLOWS}])`, // 县级: up to and including it
  'u',
);

/**
 * 地址 → 区县: keep the address up to and including its county-level part (区/县/县级市/旗) after the
 * optional province and city: "山西省晋城市泽州县金村镇府城村12号" → "山西省晋城市泽州县",
 * "晋城市城区凤台东街1号" → "晋城市城区". The result is always a prefix of the input. When no
 * county-level part can be told apart from the town and street, the whole address is redacted:
 * a town or estate name (陈区镇, 幸福小区) must never leak through a marker that only looks like a
 * district. Where the parse has to choose, it prefers the coarser answer ("高平市陈区镇…" → "高平市";
 * "济南市市中区…" → "济南市", since no county segment may contain 市).
 */
export function maskAddressToDistrict(s: string): string {
  const t = s.trimStart();
  const m = ADDRESS_TO_DISTRICT.exec(t);
  return m ? m[0] : REDACTED;
}

/** "2024-03-01", "2024/3/1", "2024.03", "2024年3月1日", "20240301", "20240301120000", "2024". */
const DATE_TEXT = /^\s*(\d{4})(?:[-/.]\d{1,2}(?!\d)|年|\d{4}(?!\d)|\d{10}(?!\d)|\s*$)/;
/** An ISO date-time with an explicit zone: its year is taken in Shanghai, where the data lives. */
const ZONED_DATE_TIME = /^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\s*$/i;

/**
 * 日期 → 年: 'YYYY'. A Date (an instant) takes its Asia/Shanghai calendar year — 2023-12-31T16:30Z
 * is already 2024 in 晋城. Text dates keep the year as written unless they carry a time zone.
 * Numbers are not dates here (epoch or YYYYMMDD? ambiguous) and, like unparseable text, are redacted.
 */
export function maskDateToYear(value: unknown): string {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? toShanghaiDate(value).slice(0, 4) : REDACTED;
  if (typeof value !== 'string') return REDACTED;
  if (ZONED_DATE_TIME.test(value)) {
    const d = new Date(value.trim().replace(' ', 'T'));
    if (Number.isFinite(d.getTime())) return toShanghaiDate(d).slice(0, 4);
  }
  const m = DATE_TEXT.exec(value);
  return m?.[1] ?? REDACTED;
}
