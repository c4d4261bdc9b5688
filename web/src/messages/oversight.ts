/** Web messages of the oversight area, merged into the app's dictionary by i18n.ts. */
export const oversightMessages = {
} as const satisfies Record<string, readonly [string, string]>;
