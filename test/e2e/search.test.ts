// Search and filters in the real UI (Chromium, browser mode) against `herald serve` and its embedded broker:
// typing narrows the list and highlights the words in the rows and the detail, "/" focuses the field, syntax
// FTS5 would reject is just words, a topic filter narrows too, and clearing brings every message back.
import { describe, expect, it } from 'vitest';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

describe('search', () => {
  const env = useHeraldAndBrowser();

  it('narrows the list as you type, highlights matches, and clears', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      const port = env.server.brokerPort!;
      await mosquittoPubOne(port, 'herald/door', '{"title":"Front door","message":"The door is open"}');
      await mosquittoPubOne(port, 'herald/living/temp', '{"title":"客厅温度 31°C","message":"太热了"}');
      await mosquittoPubOne(port, 'herald/kitchen/temp', '{"title":"Kitchen","message":"24 °C, <b>fine</b>"}');
      await expect.poll(() => messageRows(page).count()).toBe(3);

      // "/" from anywhere outside a field focuses the search.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('/');
      const search = page.getByRole('searchbox', { name: 'Search messages' });
      await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);

      await page.keyboard.type('doo');
      await expect.poll(() => messageRows(page).count()).toBe(1);
      const row = messageRows(page).first();
      expect(await row.locator('.row-title').textContent()).toBe('Front door');
      expect(await row.locator('mark').allTextContents()).toEqual(['doo', 'doo', 'doo']); // title, preview, topic
      await row.click();
      const body = page.getByTestId('message-body');
      await expect.poll(() => body.textContent()).toContain('"The door is open"');
      expect(await body.locator('mark').allTextContents()).toEqual(['doo', 'doo']);
      expect(await page.locator('.detail-title mark').allTextContents()).toEqual(['doo']);

      await search.fill('温度');
      await expect.poll(() => messageRows(page).first().locator('.row-title').textContent()).toBe('客厅温度 31°C');
      expect(await messageRows(page).count()).toBe(1);
      expect(await messageRows(page).first().locator('mark').allTextContents()).toEqual(['温度']);

      // Text is text: a search for markup matches it as characters and renders no element.
      await search.fill('<b>');
      await expect.poll(() => messageRows(page).first().locator('.row-title').textContent()).toBe('Kitchen');
      expect(await page.locator('[data-testid="message-row"] b').count()).toBe(0);

      // What FTS5 would reject is plain words: no error, just (no) results.
      await search.fill('"unbalanced AND (');
      await expect.poll(() => page.getByText('No messages match.').count()).toBe(1);

      // A message that arrives while searching shows up if it matches.
      await search.fill('door');
      await expect.poll(() => messageRows(page).count()).toBe(1);
      await mosquittoPubOne(port, 'herald/back', '{"title":"Back door","message":"closed"}');
      await expect.poll(() => messageRows(page).count()).toBe(2);

      await page.getByRole('button', { name: 'Clear search' }).click();
      await expect.poll(() => messageRows(page).count()).toBe(4);
      expect(await search.inputValue()).toBe('');
      expect(await page.locator('[data-testid="message-row"] mark').count()).toBe(0);

      // Filters combine with search: a topic filter with a wildcard, then a search within it.
      await page.getByLabel('Topic filter').fill('herald/+/temp');
      await expect.poll(() => messageRows(page).count()).toBe(2);
      await search.fill('kitch');
      await expect.poll(() => messageRows(page).count()).toBe(1);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => messageRows(page).count()).toBe(1);
      await search.press('Escape');
      await expect.poll(() => messageRows(page).count()).toBe(4);

      // A pinned match stays on top with a search too (the older door first, then the newer).
      await messageRows(page).filter({ hasText: 'Front door' }).click();
      await page.getByRole('toolbar', { name: 'Selected messages' }).getByRole('button', { name: 'Pin' }).click();
      await expect.poll(() => messageRows(page).first().getAttribute('data-pinned')).toBe('true');
      await search.fill('door');
      const titles = () => messageRows(page).locator('.row-title').allTextContents();
      await expect.poll(titles).toEqual(['Front door', 'Back door']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
