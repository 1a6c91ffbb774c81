// Light or dark: the OS's choice (prefers-color-scheme) unless the user picked one, remembered. The pick is
// the root's data-theme, which sets the color-scheme every colour token in base.css resolves against.
import { storedChoice } from '../preferences/stored-choice.ts';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEMES)[number];

export const themePreference = storedChoice<ThemePreference>('herald.theme', THEMES, 'system');

export function applyTheme(theme: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Applied before the first render, so a dark pick never flashes light while the page loads. */
export function followThemePreference(): void {
  applyTheme(themePreference.get());
  themePreference.subscribe(() => applyTheme(themePreference.get()));
}
