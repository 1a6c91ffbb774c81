// The quick palette in Chromium against `herald serve` and its embedded broker: a saved button pinned as a
// favourite is found by a fuzzy name after Ctrl+K, Enter presses it, and its publish arrives in the inbox (the
// default source listens to herald/#); Escape closes the palette. A device entity, pinned on the Devices page,
// is found by a fuzzy name and Enter toggles it: the command arrives at the broker.
import { connectAsync } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

describe('quick palette', () => {
  const env = useHeraldAndBrowser();

  it('finds a pinned saved button by a fuzzy name and Enter presses it', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      const nav = page.getByRole('navigation', { name: 'Pages' });
      await nav.getByRole('button', { name: 'Publish' }).click();
      const panel = page.getByRole('region', { name: 'Buttons' });
      await panel.getByRole('button', { name: 'Add button' }).click();
      const form = panel.getByRole('form', { name: 'New button' });
      await form.getByLabel('Name').fill('Garage door opener');
      await form.getByLabel('Source').selectOption({ label: 'Local broker' });
      await form.getByLabel('Topic').fill('herald/e2e/palette');
      await form.getByLabel('Payload template').fill('Palette pressed the garage');
      await form.getByRole('button', { name: 'Save button' }).click();

      const pin = panel.getByRole('button', { name: 'Pin Garage door opener to favourites' });
      expect(await pin.getAttribute('aria-pressed')).toBe('false');
      await pin.click();
      await expect.poll(() => pin.getAttribute('aria-pressed')).toBe('true');

      // From another page: the palette searches everywhere.
      await nav.getByRole('button', { name: 'Inbox' }).click();
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Quick palette' });
      await dialog.waitFor();
      const search = dialog.getByRole('combobox');
      await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
      await search.fill('grgdr');
      const options = dialog.getByRole('listbox').getByRole('option');
      await expect.poll(() => options.first().textContent()).toContain('Garage door opener');
      expect(await options.first().textContent()).toContain('Pinned');
      await search.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await messageRows(page).filter({ hasText: 'Palette pressed the garage' }).waitFor();

      // Escape closes without running anything; a query that matches nothing says so.
      await page.keyboard.press('Control+k');
      await dialog.waitFor();
      await search.fill('zzzqqq');
      await dialog.getByText('Nothing matches').waitFor();
      await search.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Pressed once: Escape ran nothing.
      expect(await messageRows(page).filter({ hasText: 'Palette pressed the garage' }).count()).toBe(1);

      // A page is a result too: Enter goes there.
      await page.keyboard.press('Control+k');
      await search.fill('devi');
      await expect.poll(() => options.first().textContent()).toContain('Devices');
      await search.press('Enter');
      await expect.poll(() => nav.getByRole('button', { name: 'Devices' }).getAttribute('aria-current')).toBe('page');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('pins a device switch and toggles it from the palette by a fuzzy name', async () => {
    const device = await connectAsync(`mqtt://127.0.0.1:${env.server.brokerPort}`, { reconnectPeriod: 0 });
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      const commands: string[] = [];
      device.on('message', (_topic, payload) => commands.push(payload.toString()));
      await device.subscribeAsync('e2e/kitchen_lamp/set');
      const config = {
        name: 'Kitchen lamp',
        cmd_t: 'e2e/kitchen_lamp/set',
        stat_t: 'e2e/kitchen_lamp/state',
        dev: { ids: 'kitchen_lamp', name: 'Kitchen lamp' },
      };
      await device.publishAsync('homeassistant/switch/kitchen_lamp/config', JSON.stringify(config), {
        retain: true,
        qos: 1,
      });
      await device.publishAsync('e2e/kitchen_lamp/state', 'OFF', { retain: true, qos: 1 });

      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Devices' }).click();
      const devices = page.locator('.devices-page');
      await devices.getByRole('switch', { name: 'Kitchen lamp' }).waitFor();
      const pin = devices.getByRole('button', { name: 'Pin Kitchen lamp to favourites' });
      await pin.click();
      await expect.poll(() => pin.getAttribute('aria-pressed')).toBe('true');

      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Quick palette' });
      await dialog.getByRole('combobox').fill('ktchn lmp');
      const first = dialog.getByRole('listbox').getByRole('option').first();
      await expect.poll(() => first.textContent()).toContain('Kitchen lamp');
      expect(await first.textContent()).toContain('Pinned');
      await dialog.getByRole('combobox').press('Enter');
      await dialog.waitFor({ state: 'detached' });
      // A switch's default command payloads: toggled from OFF, it is turned ON.
      await expect.poll(() => commands, { timeout: 5_000 }).toEqual(['ON']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await device.endAsync();
    }
  });
});
