/** Web messages of the files area, merged into the app's dictionary by i18n.ts. */
export const filesMessages = {
} as const satisfies Record<string, readonly [string, string]>;
