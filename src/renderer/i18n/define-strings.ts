// A feature's own words, in every language Herald speaks: the Chinese catalogue is typed against the English
// one, so a missing or extra key is a compile error. Each feature keeps them beside its components
// (e.g. src/renderer/publish/strings.ts) and catalogues.ts joins them.
export interface FeatureStrings<K extends string> {
  en: Record<K, string>;
  'zh-CN': Record<K, string>;
}

export function defineStrings<const E extends Record<string, string>>(
  en: E,
  zhCN: Record<keyof E & string, string>,
): FeatureStrings<keyof E & string> {
  return { en, 'zh-CN': zhCN };
}
