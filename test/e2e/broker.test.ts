// The Broker page in Chromium against `herald serve` and its embedded broker: the listener's URL is shown with a
// copy button, a user added on the page logs in with mosquitto_pub, and a retained message published with
// mosquitto_pub -r is listed and deleted (after a confirmation), so a new subscriber no longer gets it.
import { describe, expect, it } from 'vitest';
import { run } from '../main/core/broker/broker-helpers.ts';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('broker page', () => {
  const env = useHeraldAndBrowser();

  it('shows the listeners, adds a user and deletes a retained topic', async () => {
    const port = String(env.server.brokerPort);
    const retained = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-r', '-t', 'e2e/keep', '-m', 'kept']);
    expect(retained.code).toBe(0);
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation').getByRole('button', { name: 'Broker' }).click();
      const root = page.locator('.broker-page');
      const url = `mqtt://127.0.0.1:${port}`;
      await root.getByRole('region', { name: 'Listeners' }).getByText(url).waitFor();
      await root.getByRole('button', { name: `Copy ${url}` }).waitFor();
      expect(await root.getByRole('switch', { name: 'Run the embedded broker' }).isChecked()).toBe(true);

      const users = root.getByRole('region', { name: 'Users' });
      await users.getByLabel('User name').fill('carol');
      await users.getByLabel('Password').fill('carol-pw');
      await users.getByRole('button', { name: 'Add user' }).click();
      await users.getByRole('cell', { name: 'carol', exact: true }).waitFor();
      const login = await run('mosquitto_pub', [
        '-h',
        '127.0.0.1',
        '-p',
        port,
        '-u',
        'carol',
        '-P',
        'carol-pw',
        '-t',
        'herald/e2e',
        '-m',
        'hi',
      ]);
      expect(login.code).toBe(0);
      const wrong = await run('mosquitto_pub', [
        '-h',
        '127.0.0.1',
        '-p',
        port,
        '-u',
        'carol',
        '-P',
        'nope',
        '-t',
        'herald/e2e',
        '-m',
        'hi',
      ]);
      expect(wrong.stderr).toMatch(/not authori[sz]ed/i);

      const browser = root.getByRole('region', { name: 'Retained messages' });
      await browser.getByRole('button', { name: 'Refresh' }).click();
      await browser.getByRole('cell', { name: 'e2e/keep', exact: true }).waitFor();
      await browser.getByRole('button', { name: 'Delete retained e2e/keep' }).click();
      await browser.getByText('Delete the retained message on e2e/keep?').waitFor();
      await browser.getByRole('button', { name: 'Delete', exact: true }).click();
      await browser.getByText('No retained messages.').waitFor();
      const sub = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', port, '-t', 'e2e/keep', '-W', '1', '-C', '1']);
      expect(sub.stdout).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 30_000);
});
