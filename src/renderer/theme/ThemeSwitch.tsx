// System / Light / Dark, in the header.
import { useT, type MessageKey } from '../i18n/i18n.ts';
import { useStoredChoice } from '../preferences/stored-choice.ts';
import { THEMES, themePreference, type ThemePreference } from './theme.ts';

const LABELS: Record<ThemePreference, MessageKey> = {
  system: 'theme.system',
  light: 'theme.light',
  dark: 'theme.dark',
};

export function ThemeSwitch() {
  const t = useT();
  const theme = useStoredChoice(themePreference);
  return (
    <select
      className="header-select"
      aria-label={t('theme.label')}
      title={t('theme.label')}
      value={theme}
      onChange={(event) => themePreference.set(event.target.value as ThemePreference)}
    >
      {THEMES.map((option) => (
        <option key={option} value={option}>
          {t(LABELS[option])}
        </option>
      ))}
    </select>
  );
}
