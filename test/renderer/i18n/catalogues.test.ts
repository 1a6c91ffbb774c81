// Every language has every message: the catalogues have the same keys (the compiler checks zh-CN against en;
// this checks the objects as built), no message is empty, and placeholders match so no value goes missing.
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.ts';
import { systemLocale, translate } from '../../../src/renderer/i18n/i18n.ts';

const { en, 'zh-CN': zhCN } = CATALOGUES;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have identical keys, none empty, with the same placeholders', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const chinese = zhCN[key as keyof typeof en];
      expect(text.trim(), key).not.toBe('');
      expect(chinese.trim(), key).not.toBe('');
      expect(placeholders(chinese), key).toEqual(placeholders(text));
    }
  });

  it('fills placeholders and follows the browser language', () => {
    expect(translate('en', 'inbox.unreadCount', { count: '1,204' })).toBe('1,204 unread');
    expect(translate('zh-CN', 'inbox.unreadCount', { count: 3 })).toBe('3 条未读');
    expect(systemLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(systemLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(systemLocale(['fr'])).toBe('en');
    expect(systemLocale([])).toBe('en');
  });
});
