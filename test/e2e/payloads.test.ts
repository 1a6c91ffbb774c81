// Payloads that are not short text: binary shows as a hex dump, and one above the inbox cap (256 KiB by
// default) is kept cut, with a visible marker saying how much is shown.
import { describe, expect, it } from 'vitest';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

const DEFAULT_CAP = 256 * 1024;

describe('payloads', () => {
  const env = useHeraldAndBrowser();

  it('shows a binary payload as hex', async () => {
    const { context, page } = await openHerald(env.browser, env.server);
    try {
      const bytes = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0xff, 0x48, 0x69]);
      await mosquittoPubOne(env.server.brokerPort!, 'herald/bin', bytes);
      const row = messageRows(page).filter({ hasText: 'herald/bin' });
      await row.waitFor();
      expect(await row.locator('.row-preview').textContent()).toBe('de ad be ef 00 01 02 ff 48 69');

      await row.click();
      const body = page.getByTestId('message-body');
      await expect.poll(() => body.textContent()).toContain('de ad be ef 00 01 02 ff 48 69');
      expect(await page.getByTestId('message-detail').textContent()).toContain('Binary (hex)');
      expect(await page.locator('.truncated-marker').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('marks a payload above the cap as truncated and says how much is shown', async () => {
    const { context, page } = await openHerald(env.browser, env.server);
    try {
      const size = 300 * 1024;
      await mosquittoPubOne(env.server.brokerPort!, 'herald/big', 'x'.repeat(size));
      const row = messageRows(page).filter({ hasText: 'herald/big' });
      await row.waitFor();
      await row.getByText('truncated', { exact: true }).waitFor();

      await row.click();
      const marker = page.locator('.truncated-marker');
      await marker.waitFor();
      expect(await marker.textContent()).toBe(
        `truncated — showing the first ${DEFAULT_CAP.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes`,
      );
      expect((await page.getByTestId('message-body').textContent())?.length).toBe(DEFAULT_CAP);
    } finally {
      await context.close();
    }
  });

  it('counts the kept bytes of a truncated binary payload from its hex dump', async () => {
    const { context, page } = await openHerald(env.browser, env.server);
    try {
      const size = 300 * 1024;
      await mosquittoPubOne(env.server.brokerPort!, 'herald/big-bin', Buffer.alloc(size, 0x01));
      const row = messageRows(page).filter({ hasText: 'herald/big-bin' });
      await row.waitFor();
      await row.click();
      const marker = page.locator('.truncated-marker');
      await marker.waitFor();
      expect(await marker.textContent()).toBe(
        `truncated — showing the first ${DEFAULT_CAP.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes`,
      );
    } finally {
      await context.close();
    }
  });
});
