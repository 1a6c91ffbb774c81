// The Settings page's "Updates" section in Chromium against the real headless server and a release feed on
// 127.0.0.1: off at first (the feed hears nothing), pointed at the local feed and switched on, it says a newer
// Herald is available and links to the release page, in the section and in a banner above every page ("Later"
// hides it); "Check now" after the feed moves on shows the new answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestYml, startFeedServer, type FeedServer } from '../main/core/updates/feed-server.ts';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('updates section', () => {
  const env = useHeraldAndBrowser();
  let feed: FeedServer | undefined;
  beforeAll(async () => {
    feed = await startFeedServer({ body: latestYml('9.9.9') });
  });
  afterAll(() => feed?.close());

  it('turned on against a local feed, shows that a newer Herald is available', async () => {
    const served = feed!;
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
      const updates = page.locator('.settings-page .updates-section');

      const check = updates.getByRole('switch', { name: 'Check for updates' });
      await expect.poll(() => check.isEnabled()).toBe(true);
      expect(await check.isChecked()).toBe(false);
      await updates.getByLabel('Update feed URL').fill(served.url);
      await updates.getByRole('button', { name: 'Use this feed' }).click();
      await updates.getByRole('status').filter({ hasText: 'Feed set.' }).waitFor();
      expect(served.requests).toEqual([]);

      // The switch follows the saved setting, so it flips once main has saved it.
      await check.click();
      await expect.poll(() => check.isChecked()).toBe(true);
      const result = updates.getByTestId('updates-result');
      await expect.poll(() => result.textContent()).toMatch(/^Herald 9\.9\.9 is available\. Release page Last checked/);
      expect(await result.getByRole('link', { name: 'Release page' }).getAttribute('href')).toBe(
        served.url.replace(/latest\.yml$/, ''),
      );
      expect(served.requests).toHaveLength(1);

      // Every page says it too, until "Later" for this version.
      const banner = page.locator('.update-banner');
      await banner.getByText('Herald 9.9.9 is available.').waitFor();
      expect(await banner.getByRole('link', { name: 'Release page' }).getAttribute('href')).toBe(
        served.url.replace(/latest\.yml$/, ''),
      );
      await banner.getByRole('button', { name: 'Later' }).click();
      await banner.waitFor({ state: 'detached' });

      served.reply = { body: latestYml('0.0.1') };
      await updates.getByRole('button', { name: 'Check now' }).click();
      await expect.poll(() => result.textContent()).toMatch(/ is the latest version\. Last checked/);
      expect(served.requests).toHaveLength(2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
