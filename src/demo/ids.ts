/**
 * Identifier generators with valid check characters, and their validators. Deterministic: every
 * generator takes an Rng (prng.ts). Names and addresses are in people.ts, re-exported here.
 *
 * - 公民身份号码: GB 11643-1999 — 6-digit address code, 8-digit birth date, 3-digit sequence (odd for
 *   men, even for women), check character by ISO 7064 MOD 11-2.
 * - 统一社会信用代码: GB 32100-2015 — 登记管理部门代码 + 机构类别代码, 6-digit 登记管理机关行政区划码,
 *   9-char 主体标识码 (组织机构代码, GB 11714-1997, with its own MOD 11 check), MOD 31 check character.
 */
import { OFFICIAL_COUNTY_CODES } from './regions.ts';
import type { Rng } from './prng.ts';

export * from './people.ts';

// ---------------------------------------------------------------- 公民身份号码 (GB 11643)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCardCheckChar: need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** 18-character 公民身份号码 with a real birth date and a correct check character (x accepted as X). */
export function isValidIdCard(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!isRealDate(id.slice(6, 14))) return false;
  return idCardCheckChar(id.slice(0, 17)) === id[17]?.toUpperCase();
}

export type Sex = 'M' | 'F';

export interface IdCardOptions {
  /** 6-digit address code; default a random 晋城 county (official codes only). */
  regionCode?: string;
  /** YYYY-MM-DD; default between 1950 and 2005. */
  birthDate?: string;
  sex?: Sex;
}

export function generateIdCard(rng: Rng, opts: IdCardOptions = {}): string {
  const region = opts.regionCode ?? rng.pick(OFFICIAL_COUNTY_CODES);
  const birth = (opts.birthDate ?? rng.date('1950-01-01', '2005-12-31')).replaceAll('-', '');
  const sex = opts.sex ?? (rng.chance(0.5) ? 'M' : 'F');
  // 顺序码: 2 free digits, then the parity digit (GB 11643 §5.3: odd for men, even for women).
  const parity = 2 * rng.int(0, 4) + (sex === 'M' ? 1 : 0);
  const first17 = `${region}${birth}${rng.digits(2)}${parity}`;
  return first17 + idCardCheckChar(first17);
}

/** Sex encoded in a 公民身份号码 (17th digit parity). */
export function sexOfIdCard(id: string): Sex {
  return Number(id[16]) % 2 === 1 ? 'M' : 'F';
}

/** Birth date (YYYY-MM-DD) encoded in a 公民身份号码. */
export function birthDateOfIdCard(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

// ---------------------------------------------------------------- 组织机构代码 (GB 11714)

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 value of a code character: digits as such, letters A=10 … Z=35. */
function orgCharValue(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

/** Check character of the 8-character body of a 组织机构代码: 11 − (Σ mod 11); 10 → X, 11 → 0. */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error('orgCodeCheckChar: need 8 chars 0-9A-Z');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i] as string) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function isValidOrgCode(code: string): boolean {
  return /^[0-9A-Z]{8}[0-9X]$/.test(code) && orgCodeCheckChar(code.slice(0, 8)) === code[8];
}

// ---------------------------------------------------------------- 统一社会信用代码 (GB 32100)

/** GB 32100 charset: digits and capitals without I, O, Z, S, V — 31 characters, value = index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const; // 3^i mod 31

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`usccCheckChar: bad character at ${i}`);
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/**
 * 登记管理部门代码 → allowed 机构类别代码 (GB 32100 附录 A): 1 机构编制 (1 机关, 2 事业单位, 3 中央编办直接
 * 管理机构编制的群众团体, 9 其他), 5 民政 (1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他),
 * 9 工商 (1 企业, 2 个体工商户, 3 农民专业合作社), Y 其他 (1).
 * Other registration departments (司法行政 2, 外交 3, 宗教 4, 旅游 6, 工会 7, 中央军委 8, 农业 A,
 * 其他 N) are accepted with any category character.
 */
const USCC_CATEGORIES: Record<string, string> = { '1': '1239', '5': '1239', '9': '123', Y: '1' };

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{9}[0-9A-HJ-NP-RTUW-Y]$/.test(code)) return false;
  const allowed = USCC_CATEGORIES[code[0] as string];
  if (allowed !== undefined && !allowed.includes(code[1] as string)) return false;
  if (!isValidOrgCode(code.slice(8, 17))) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

export type UsccKind = 'enterprise' | 'individual' | 'cooperative' | 'government' | 'institution' | 'social';

const USCC_PREFIX: Record<UsccKind, string> = {
  enterprise: '91',
  individual: '92',
  cooperative: '93',
  government: '11',
  institution: '12',
  social: '51',
};

/** Body characters of generated 主体标识码: the USCC charset, so the whole code stays in it. */
const ORG_BODY_CHARS = [...USCC_CHARSET];

export interface UsccOptions {
  kind?: UsccKind;
  /** 登记管理机关行政区划码; default a random official 晋城 county, or 140500 (市级登记). */
  regionCode?: string;
  /** Post-2015 code whose 主体标识码 starts "MA"; default random (businesses only). */
  newStyle?: boolean;
}

export function generateUscc(rng: Rng, opts: UsccOptions = {}): string {
  const kind = opts.kind ?? 'enterprise';
  const region = opts.regionCode ?? rng.pick([...OFFICIAL_COUNTY_CODES, '140500']);
  // Codes issued since 2015 by 市场监管 carry a 主体标识码 starting "MA"; older ones are the
  // organisation's former 组织机构代码, mostly digits.
  let body: string;
  if (kind === 'enterprise' || kind === 'individual' || kind === 'cooperative') {
    body = (opts.newStyle ?? rng.chance(0.6))
      ? `MA${Array.from({ length: 6 }, () => rng.pick(ORG_BODY_CHARS)).join('')}`
      : rng.digits(8);
  } else {
    body = rng.digits(8);
  }
  // A 组织机构代码 check character is 0-9 or X — all in the USCC charset.
  const first17 = `${USCC_PREFIX[kind]}${region}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

// ---------------------------------------------------------------- 手机号码

/** Mobile number segments in use by 中国移动, 中国联通, 中国电信 and 中国广电 (not 14x data-only or 17x virtual). */
export const MOBILE_PREFIXES = [
  '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '178', '182', '183',
  '184', '187', '188', '195', '197', '198', // 中国移动
  '130', '131', '132', '145', '155', '156', '166', '175', '176', '185', '186', '196', // 中国联通
  '133', '149', '153', '173', '177', '180', '181', '189', '190', '191', '193', '199', // 中国电信
  '192', // 中国广电
] as const;

export function generateMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

export function isValidMobile(s: string): boolean {
  return /^1\d{10}$/.test(s) && (MOBILE_PREFIXES as readonly string[]).includes(s.slice(0, 3));
}

/** 晋城 landline: 0356 + 7-digit local number not starting with 0 or 1. */
export function generateLandline(rng: Rng): string {
  return `0356-${rng.int(2, 8)}${rng.digits(6)}`;
}
