// The Settings page in Chromium against the real headless server: the burst window is saved (and still there
// after a reload), an export imported straight back previews as "no changes", and the start-at-login switch
// says why it is unavailable in browser mode.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('settings page', () => {
  const env = useHeraldAndBrowser();

  it('saves the burst window, round-trips an export through the import preview, explains autostart', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
      const settings = page.locator('.settings-page');

      const burst = settings.getByLabel('Burst window (seconds)');
      await expect.poll(() => burst.inputValue()).toBe('0.5');
      await burst.fill('2.5');
      await settings.getByRole('button', { name: 'Save' }).click();
      await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await page.reload();
      await expect
        .poll(() => page.locator('.settings-page').getByLabel('Burst window (seconds)').inputValue())
        .toBe('2.5');
      const saved = JSON.parse(readFileSync(`${env.server.dataDir}/config.json`, 'utf8')) as {
        notifications: { burstWindowMs: number };
      };
      expect(saved.notifications.burstWindowMs).toBe(2500);

      const downloading = page.waitForEvent('download');
      await settings.getByRole('button', { name: 'Export', exact: true }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^herald-setup-\d{4}-\d\d-\d\d\.json$/);
      const file = await download.path();
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
        settings: { notifications: { burstWindowMs: 2500 } },
      });
      await settings.getByLabel('Setup file to import').setInputFiles(file);
      const preview = settings.getByRole('list', { name: 'What the import changes' });
      await expect.poll(() => preview.getByRole('listitem').allTextContents()).toEqual(['No changes']);
      await settings.getByRole('button', { name: 'Apply' }).click();
      await settings.getByRole('status').filter({ hasText: 'Imported.' }).waitFor();

      const autostart = settings.getByRole('switch', { name: 'Start at login' });
      await expect.poll(() => autostart.isDisabled()).toBe(true);
      expect(await autostart.isChecked()).toBe(false);
      await expect
        .poll(() => settings.locator('#settings-autostart-help').textContent())
        .toMatch(/^Not available here: Herald runs headless here \(herald serve\)/);

      await settings.getByRole('button', { name: 'Send test notification' }).click();
      await expect.poll(() => settings.getByTestId('settings-test-result').textContent()).toMatch(/^Sent/);
      await expect.poll(() => settings.getByTestId('settings-counts').textContent()).toMatch(/messages, \d+ unread/);
      await expect.poll(() => settings.getByTestId('settings-version').textContent()).toMatch(/^Herald \d+\.\d+\.\d+/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
