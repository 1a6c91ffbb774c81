// A burst of 5,000 messages: the list shows them without rendering them all, scrolling to the end pages
// older messages in (keyset), and the page keeps responding throughout.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mosquittoPub } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

const COUNT = 5_000;

/** Worst delay of a 50 ms timer in the page over `ms`: a blocked main thread shows up here. */
function worstTimerLag(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let worst = 0;
        let last = performance.now();
        const end = last + duration;
        const tick = () => {
          const now = performance.now();
          worst = Math.max(worst, now - last - 50);
          last = now;
          if (now < end) setTimeout(tick, 50);
          else resolve(worst);
        };
        setTimeout(tick, 50);
      }),
    ms,
  );
}

describe('a large inbox', () => {
  const env = useHeraldAndBrowser();

  it(
    'shows 5,000 quickly published messages, virtualised, and pages to the oldest on scroll',
    { timeout: 90_000 },
    async () => {
      const { context, page, errors, requests } = await openHerald(env.browser, env.server);
      try {
        const lines = Array.from({ length: COUNT }, (_, i) => `load message #${i + 1}`);
        const lag = worstTimerLag(page, 3_000);
        await mosquittoPub(env.server.brokerPort!, 'herald/load', lines, 1);
        await expect
          .poll(() => page.getByTestId('unread-count').textContent(), { timeout: 30_000 })
          .toContain(`${COUNT.toLocaleString('en-US')} unread`);
        expect(await lag).toBeLessThan(500);

        const newest = messageRows(page).first();
        await expect.poll(() => newest.textContent()).toContain(`load message #${COUNT}`);
        // Virtualised: only about a screenful of rows exists in the DOM.
        expect(await messageRows(page).count()).toBeLessThan(60);

        // Start from a fresh load (one page of 100) so the paging below is deterministic: during the burst the
        // list may already have received most messages through events.
        const sentBeforeReload = requests.length;
        await page.reload();
        await newest.waitFor();
        const olderPages = () =>
          requests
            .slice(sentBeforeReload)
            .filter((request) => request.channel === 'inbox.list' && (request.payload as { before?: number }).before);
        await page.waitForTimeout(200);
        expect(olderPages()).toHaveLength(0); // nothing is fetched ahead while the user stays at the top

        // Scroll to the end until the oldest message has been paged in.
        const list = page.getByRole('listbox', { name: 'Messages' });
        const oldest = messageRows(page).filter({
          has: page.locator('.row-preview', { hasText: /^load message #1$/ }),
        });
        for (let step = 0; step < 200 && (await oldest.count()) === 0; step++) {
          await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
          await page.waitForTimeout(50);
        }
        await oldest.waitFor();
        expect(await messageRows(page).count()).toBeLessThan(60);
        expect(await page.getByText('Loading older messages…').count()).toBe(0);
        // Keyset paging: 49 more pages of 100, each continuing from the previous page's cursor (plus possibly
        // one empty page when the server only learns at the end that there is nothing older).
        const pages = olderPages();
        expect(pages.length).toBeGreaterThanOrEqual(COUNT / 100 - 1);
        expect(pages.length).toBeLessThanOrEqual(COUNT / 100);
        expect(pages.every((request) => (request.payload as { limit?: number }).limit === 100)).toBe(true);
        const cursors = pages.map((request) => (request.payload as { before: number }).before);
        expect(cursors).toEqual([...cursors].sort((a, b) => b - a));

        // Still responsive at the bottom of 5,000 rows: a click opens a message right away.
        const started = Date.now();
        await oldest.click();
        await expect.poll(() => page.getByTestId('message-body').textContent()).toBe('load message #1');
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
