// Browser mode over a link that drops: the page says it is disconnected, requests fail with a readable error
// instead of hanging, and once the link is back it reconnects by itself and catches up on what it missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { launchBrowser, messageRows, openHerald, startHerald, type HeraldServer } from './harness.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

describe('connection to Herald', () => {
  let server: HeraldServer;
  let browser: Browser;
  let proxy: TcpProxy;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startHerald(), launchBrowser()]);
    proxy = await startTcpProxy(Number(new URL(server.origin).port));
  });
  afterAll(async () => {
    await proxy?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows a banner while disconnected, fails actions clearly, then reconnects and catches up', async () => {
    const viaProxy = new URL(server.url);
    viaProxy.port = String(proxy.port);
    const { context, page } = await openHerald(browser, server, { url: viaProxy.href });
    try {
      await mosquittoPubOne(server.brokerPort!, 'herald/before', 'before the cut');
      await messageRows(page).filter({ hasText: 'before the cut' }).waitFor();
      const banner = page.getByTestId('disconnected-banner');
      expect(await banner.count()).toBe(0);

      await proxy.cut();
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Disconnected from Herald');
      await page.getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('alert').filter({ hasText: 'Not connected to Herald' }).waitFor();

      // Published while the page cannot hear it: it must show up after the reconnect anyway.
      await mosquittoPubOne(server.brokerPort!, 'herald/during', 'during the cut');
      await proxy.restore();
      await banner.waitFor({ state: 'detached', timeout: 15_000 });
      await messageRows(page).filter({ hasText: 'during the cut' }).waitFor();
      await expect.poll(() => page.title()).toBe('(2) Herald');

      // And live events flow again.
      await mosquittoPubOne(server.brokerPort!, 'herald/after', 'after the cut');
      await messageRows(page).filter({ hasText: 'after the cut' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
