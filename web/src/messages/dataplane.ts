/** Web messages of the dataplane area, merged into the app's dictionary by i18n.ts. */
export const dataplaneMessages = {
} as const satisfies Record<string, readonly [string, string]>;
