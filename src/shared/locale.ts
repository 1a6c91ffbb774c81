// The languages Herald speaks, for the UI (renderer/i18n) and for what the main process says itself
// (notifications, the tray): one list, one way to pick among them.
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The first of the user's languages that Herald speaks (any Chinese gets Simplified Chinese); else English. */
export function localeOf(languages: readonly string[]): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Params = Record<string, string | number>;

/** `text` with its `{name}` placeholders filled in; unknown ones are left as they are. */
export function fillParams(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
