// Export diagnostics on the Settings page in Chromium against the real headless server: the button downloads a
// zip holding the log, the settings and the state, and message previews only with the box ticked.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('diagnostics export', () => {
  const env = useHeraldAndBrowser();

  it('downloads a zip, with messages only when asked', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
      const settings = page.locator('.settings-page');

      const entries = async () => {
        const downloading = page.waitForEvent('download');
        await settings.getByRole('button', { name: 'Export diagnostics' }).click();
        const download = await downloading;
        expect(download.suggestedFilename()).toMatch(/^herald-diagnostics-\d{8}-\d{6}\.zip$/);
        return Object.keys(unzipSync(new Uint8Array(readFileSync(await download.path())))).sort();
      };

      expect(await entries()).toEqual(expect.arrayContaining(['settings.json', 'state.json']));
      expect(await entries()).not.toContain('messages.jsonl');
      await settings
        .getByRole('status')
        .filter({ hasText: /^Saved herald-diagnostics-/ })
        .waitFor();

      await settings.getByRole('checkbox', { name: 'Include the last 100 messages' }).check();
      expect(await entries()).toContain('messages.jsonl');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
