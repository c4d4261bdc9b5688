/**
 * The one error the masking rules throw. Masking is the last step before data leaves the provider
 * (security rules §27 脱敏后再提供), so a misconfigured rule must stop the delivery with a clear
 * message rather than fall through to the raw value. Carries a machine code plus Chinese and
 * English text, the shape the HTTP layer answers with.
 */
export type MaskingErrorCode =
  | 'unknown_rule'
  | 'invalid_param'
  | 'missing_salt'
  | 'unsupported_algorithm'
  | 'field_not_granted';

export class MaskingError extends Error {
  constructor(
    readonly code: MaskingErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'MaskingError';
  }
}
