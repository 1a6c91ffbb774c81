// The Broker page's bridge in Chromium against `herald serve` and a real Mosquitto as the upstream broker: a
// bridge set up on the page connects, says so, and forwards a message published on Herald's broker to upstream
// under the remote prefix ("Test connection" tries it first); a bridge without topics is refused with the reason.
import { describe, expect, it } from 'vitest';
import { run } from '../main/core/broker/broker-helpers.ts';
import { startMosquitto } from '../helpers/mosquitto.ts';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('broker page: bridge', () => {
  const env = useHeraldAndBrowser();

  it('sets up a bridge that connects and forwards a topic upstream', async () => {
    const upstream = await startMosquitto();
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation').getByRole('button', { name: 'Broker' }).click();
      const bridge = page.locator('.broker-page').getByRole('form', { name: 'Bridge to another broker' });
      await bridge.getByText('The bridge is off.').waitFor();

      await bridge.getByLabel('Forward topics to and from another broker').check();
      await bridge.getByLabel('Upstream broker URL').fill(upstream.url);
      await bridge.getByRole('button', { name: 'Save and restart' }).click();
      await bridge.getByRole('alert').getByText('the bridge needs at least one topic filter to forward').waitFor();

      await bridge.getByRole('button', { name: 'Add topic' }).click();
      await bridge.getByLabel('Topic filter').fill('herald/#');
      await bridge.getByLabel('Direction').selectOption({ label: 'Up: to upstream' });
      await bridge.getByLabel('Remote prefix').fill('desk/');
      await bridge.getByRole('button', { name: 'Test connection to Bridge to another broker' }).click();
      await bridge.getByRole('status').filter({ hasText: 'Connection test passed' }).waitFor();
      await bridge.getByRole('button', { name: 'Save and restart' }).click();
      await bridge.getByText('Saved; the broker restarted with the bridge.').waitFor();
      await bridge.getByText(`Connected to ${upstream.url} since`).waitFor({ timeout: 10_000 });

      const far = run('mosquitto_sub', ['-p', String(upstream.port), '-t', 'desk/#', '-v', '-C', '1', '-W', '8']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const port = String(env.server.brokerPort);
      await run('mosquitto_pub', ['-p', port, '-t', 'herald/bridged', '-m', 'to the cloud', '-q', '1']);
      expect((await far).stdout.trim()).toBe('desk/herald/bridged to the cloud');
      await bridge.getByText(/Forwarded down 0, up 1/).waitFor({ timeout: 5_000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await upstream.stop();
    }
  }, 40_000);
});
