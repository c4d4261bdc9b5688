/**
 * The password policy (security rules §14 建立和完善密码保障体系): applied whenever a password is set —
 * when a user is created, changes their own password, or has it reset by the platform operator.
 * Pure; the history rule (no reuse of the last PASSWORD_HISTORY passwords) needs the stored hashes
 * and is checked by the identity module with the same wording as here.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** A new password may not repeat the current one or the ones before it, this many in all. */
export const PASSWORD_HISTORY = 5;
export const PASSWORD_MIN_CLASSES = 3;

export interface PasswordProblem {
  code: 'too_short' | 'too_long' | 'classes' | 'contains_username' | 'common' | 'reused';
  zh: string;
  en: string;
}

/**
 * Passwords people pick first in this setting — keyboard walks, "password", the platform's and the
 * city's names with a year — each of which passes the length and class rules yet falls to the first
 * guesses of an attacker. Compared case-insensitively.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  'Password@123', 'Password@1234', 'Password123!', 'P@ssw0rd1234', 'P@ssword1234', 'Passw0rd@123',
  'Admin@123456', 'Admin@1234567', 'Admin123456!', 'Administrator1!',
  'Qwerty@123456', 'Qwer1234!@#$', '1qaz@WSX3edc', '1qaz!QAZ2wsx', '1q2w3e4r!Q@W', 'Zxcvbnm@1234',
  'Abc@12345678', 'Abcd@1234567', 'Aa123456789!', 'Aa@123456789', 'Welcome@2024', 'Welcome@2025',
  'Jincheng@2024', 'Jincheng@2025', 'Jincheng@2026', 'Jc@123456789', 'Jcsjj@123456',
  'Gdx@12345678', 'Gdx@2024gdx!', 'Gdx-Demo-2024', 'Sjj@12345678', 'Zhengwu@2024', 'Zwsj@2024!!!',
  'Changeme@123', 'ChangeMe123!', 'Root@1234567', 'Test@1234567', 'Demo@1234567',
];

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

const CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

export const REUSED_PROBLEM: PasswordProblem = {
  code: 'reused',
  zh: `新密码不得与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`,
  en: `the new password may not repeat any of the last ${PASSWORD_HISTORY} passwords`,
};

/**
 * What is wrong with a password for this user; empty when it may be set. Every rule's reason is
 * given, in Chinese and English, so the user fixes all of them at once.
 */
export function passwordProblems(password: string, ctx: { username?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({ code: 'too_short', zh: `密码至少 ${PASSWORD_MIN_LENGTH} 位`, en: `password needs at least ${PASSWORD_MIN_LENGTH} characters` });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: 'too_long', zh: `密码至多 ${PASSWORD_MAX_LENGTH} 位`, en: `password may have at most ${PASSWORD_MAX_LENGTH} characters` });
  }
  if (CLASSES.filter((re) => re.test(password)).length < PASSWORD_MIN_CLASSES) {
    problems.push({
      code: 'classes',
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'password needs three of: upper case, lower case, digits, symbols',
    });
  }
  const username = ctx.username?.trim().toLowerCase();
  if (username && username.length >= 2 && password.toLowerCase().includes(username)) {
    problems.push({ code: 'contains_username', zh: '密码不得包含用户名', en: 'password may not contain the username' });
  }
  if (common.has(password.toLowerCase())) {
    problems.push({ code: 'common', zh: '密码过于常见，请换一个', en: 'this password is too common; choose another' });
  }
  return problems;
}
