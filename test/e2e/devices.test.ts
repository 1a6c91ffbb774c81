// The Devices page in Chromium against `herald serve` and its embedded broker: Home Assistant discovery
// configs published to the broker become devices; toggling a light shows at once and is confirmed by a
// broker-side echo that answers on the state topic; a switch whose device never answers is rolled back
// after 5 s with a message saying so.
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

const CONFIGS = {
  'homeassistant/light/echo_light/config': {
    name: 'Echo light',
    cmd_t: '~/set',
    stat_t: '~/state',
    '~': 'e2e/echo_light',
    dev: { ids: 'echo_lamp', name: 'Echo lamp', sa: 'Lab' },
  },
  'homeassistant/switch/silent/config': {
    name: 'Silent plug',
    cmd_t: 'e2e/silent/set',
    stat_t: 'e2e/silent/state',
    dev: { ids: 'silent_plug', name: 'Silent plug device', sa: 'Lab' },
  },
};

describe('devices', () => {
  const env = useHeraldAndBrowser();
  let echo: MqttClient;

  beforeAll(async () => {
    echo = await connectAsync(`mqtt://127.0.0.1:${env.server.brokerPort}`, { reconnectPeriod: 0 });
    // The device: whatever is sent to its command topic comes back on its state topic.
    echo.on('message', (topic, payload) => {
      if (topic === 'e2e/echo_light/set') echo.publish('e2e/echo_light/state', payload, { retain: true });
    });
    await echo.subscribeAsync('e2e/echo_light/set');
    for (const [topic, config] of Object.entries(CONFIGS)) {
      await echo.publishAsync(topic, JSON.stringify(config), { retain: true, qos: 1 });
    }
    await echo.publishAsync('e2e/echo_light/state', 'OFF', { retain: true, qos: 1 });
    await echo.publishAsync('e2e/silent/state', 'OFF', { retain: true, qos: 1 });
  });

  afterAll(async () => {
    await echo?.endAsync();
  });

  it('confirms a toggled light through its state topic and rolls back one that never answers', async () => {
    const { context, page, errors, events } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation').getByRole('button', { name: 'Devices' }).click();
      const light = page.getByRole('switch', { name: 'Echo light' });
      const plug = page.getByRole('switch', { name: 'Silent plug' });
      await light.waitFor();
      await plug.waitFor();
      expect(await light.isChecked()).toBe(false);
      expect(await page.getByRole('region', { name: 'Lab' }).getByRole('heading', { name: 'Echo lamp' }).count()).toBe(
        1,
      );

      await plug.click();
      await light.click();
      // Shown at once, before any answer.
      expect(await light.isChecked()).toBe(true);
      expect(await plug.isChecked()).toBe(true);
      // The echo's state message arrives as a devices.changed event with the light on.
      await expect
        .poll(() => JSON.stringify(events.filter((e) => e.event === 'devices.changed')), { timeout: 5_000 })
        .toMatch(/"name":"Echo light"[^}]*"value":true/);

      // After the 5 s window: the silent plug is rolled back with a message; the confirmed light stays on.
      const alert = page.getByRole('alert');
      await expect
        .poll(() => alert.textContent(), { timeout: 10_000 })
        .toContain('Silent plug device: Silent plug did not confirm within 5 s');
      expect(await plug.isChecked()).toBe(false);
      expect(await light.isChecked()).toBe(true);
      expect(await alert.textContent()).not.toContain('Echo light');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 30_000);
});
