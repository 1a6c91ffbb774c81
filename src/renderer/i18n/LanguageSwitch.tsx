// The language, in the header: the system's (named, so the user sees what it resolved to) or one picked.
// Each language is named in itself. Keeps <html lang> in step so fonts and screen readers follow.
import { useEffect } from 'react';
import { useStoredChoice } from '../preferences/stored-choice.ts';
import {
  LOCALE_NAMES,
  LOCALES,
  localePreference,
  systemLocale,
  useLocale,
  useT,
  type LocalePreference,
} from './i18n.ts';

export function LanguageSwitch() {
  const t = useT();
  const preference = useStoredChoice(localePreference);
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <select
      className="header-select"
      aria-label={t('language.label')}
      title={t('language.label')}
      value={preference}
      onChange={(event) => localePreference.set(event.target.value as LocalePreference)}
    >
      <option value="system">{t('language.system', { language: LOCALE_NAMES[systemLocale()] })}</option>
      {LOCALES.map((option) => (
        <option key={option} value={option} lang={option}>
          {LOCALE_NAMES[option]}
        </option>
      ))}
    </select>
  );
}
