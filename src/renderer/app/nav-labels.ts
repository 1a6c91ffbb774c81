// The navigation's words in the user's language. A page without a translated name yet shows the label it has
// in PAGES, so adding a page never needs this file first.
import type { MessageKey, Translate } from '../i18n/i18n.ts';
import type { Page } from './pages.ts';

const NAV_KEYS: Partial<Record<Page, MessageKey>> = {
  inbox: 'nav.inbox',
  sources: 'nav.sources',
  rules: 'nav.rules',
  publish: 'publish.title',
  settings: 'settings.title',
  broker: 'broker.nav',
};

export function navLabel(page: Page, fallback: string, t: Translate): string {
  const key = NAV_KEYS[page];
  return key ? t(key) : fallback;
}
