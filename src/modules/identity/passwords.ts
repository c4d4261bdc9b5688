/** Password hashing (argon2id) and the password policy (security rules §14 密码保障). */
import argon2 from 'argon2';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

/** Hashed once, compared against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('gdx-no-such-user'));

/** At least 8 characters from three of: lower case, upper case, digits, symbols. */
export function passwordProblems(password: string): { zh: string; en: string }[] {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  const problems: { zh: string; en: string }[] = [];
  if (password.length < 8) problems.push({ zh: '密码至少 8 位', en: 'password needs at least 8 characters' });
  if (classes < 3) {
    problems.push({ zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类', en: 'password needs three of: upper case, lower case, digits, symbols' });
  }
  return problems;
}
