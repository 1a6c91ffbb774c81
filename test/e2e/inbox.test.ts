// The inbox in browser mode against the real headless server and its embedded broker: a published message
// shows up, counts as unread in the tab title, and opening it marks it read.
import { describe, expect, it } from 'vitest';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

describe('inbox', () => {
  const env = useHeraldAndBrowser();

  it('shows a published message, puts the unread count in the tab title and clears it when opened', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      expect(await page.title()).toBe('Herald');

      await mosquittoPubOne(env.server.brokerPort!, 'herald/demo', 'Hello');
      const row = messageRows(page).filter({ hasText: 'Hello' });
      await row.waitFor();
      await expect.poll(() => page.title()).toBe('(1) Herald');
      expect(await row.getAttribute('data-read')).toBe('false');
      expect(await row.textContent()).toContain('herald/demo');

      await row.click();
      await expect.poll(() => page.getByTestId('message-body').textContent()).toBe('Hello');
      await expect.poll(() => page.title()).toBe('Herald');
      await expect.poll(() => row.getAttribute('data-read')).toBe('true');

      // Read state is main's, not the page's: a reload still shows it read.
      await page.reload();
      await messageRows(page).filter({ hasText: 'Hello' }).waitFor();
      expect(await page.title()).toBe('Herald');
      expect(await messageRows(page).filter({ hasText: 'Hello' }).getAttribute('data-read')).toBe('true');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('prepends new messages newest first, filters unread only, and marks all read', async () => {
    const { context, page, errors, requests } = await openHerald(env.browser, env.server);
    try {
      await messageRows(page).first().waitFor();
      const listsBefore = requests.filter((request) => request.channel === 'inbox.list').length;
      for (const text of ['first', 'second', 'third'])
        await mosquittoPubOne(env.server.brokerPort!, 'herald/order', text);
      await messageRows(page).filter({ hasText: 'third' }).waitFor();
      const previews = await page.locator('[data-testid="message-row"] .row-preview').allTextContents();
      expect(previews.slice(0, 3)).toEqual(['third', 'second', 'first']);
      // New messages came with the inbox.changed events; nothing was refetched for them.
      expect(requests.filter((request) => request.channel === 'inbox.list').length).toBe(listsBefore);
      await expect.poll(() => page.title()).toBe('(3) Herald');

      await page.getByLabel('Unread only').check();
      await expect.poll(() => messageRows(page).count()).toBe(3);
      expect(await messageRows(page).filter({ hasText: 'Hello' }).count()).toBe(0);

      await page.getByRole('button', { name: 'Mark all read' }).click();
      await expect.poll(() => page.title()).toBe('Herald');
      await expect.poll(() => page.getByTestId('unread-count').textContent()).toContain('All read');
      expect(await page.locator('[data-testid="message-row"][data-read="false"]').count()).toBe(0);

      await page.getByLabel('Unread only').uncheck();
      await expect.poll(() => messageRows(page).count()).toBe(4);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
