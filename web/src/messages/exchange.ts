/** Web messages of the exchange area, merged into the app's dictionary by i18n.ts. */
export const exchangeMessages = {
} as const satisfies Record<string, readonly [string, string]>;
