/** Web messages of the security area, merged into the app's dictionary by i18n.ts. */
export const securityMessages = {
} as const satisfies Record<string, readonly [string, string]>;
