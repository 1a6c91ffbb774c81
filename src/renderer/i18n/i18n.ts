// The UI's words in the user's language: English and Simplified Chinese. The language follows the browser (or
// the OS, in the app) until the user picks one; the pick is remembered. `useT()` gives components a `t(key)`
// that re-renders them when the language changes.
import { useCallback } from 'react';
import { storedChoice, useStoredChoice } from '../preferences/stored-choice.ts';
import { fillParams, LOCALES, localeOf, type Locale, type Params } from '../../shared/locale.ts';
import { CATALOGUES, type MessageKey } from './catalogues.ts';

export type { MessageKey } from './catalogues.ts';
export { LOCALES, type Locale, type Params } from '../../shared/locale.ts';

export type LocalePreference = Locale | 'system';

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '中文' };

export const localePreference = storedChoice<LocalePreference>('herald.locale', ['system', ...LOCALES], 'system');

/** The language the browser asks for, among those Herald speaks (any Chinese gets Simplified Chinese). */
export function systemLocale(languages: readonly string[] = browserLanguages()): Locale {
  return localeOf(languages);
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function resolveLocale(preference: LocalePreference): Locale {
  return preference === 'system' ? systemLocale() : preference;
}

export type Translate = (key: MessageKey, params?: Params) => string;

/** The message for `key` with `{name}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return fillParams(CATALOGUES[locale][key], params);
}

/** The current language, following the user's pick (or the system). */
export function useLocale(): Locale {
  return resolveLocale(useStoredChoice(localePreference));
}

export function useT(): Translate {
  const locale = useLocale();
  return useCallback<Translate>((key, params) => translate(locale, key, params), [locale]);
}
