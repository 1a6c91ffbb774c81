// "Notify me when …" in Chromium against `herald serve` and its embedded broker: an alert made on a discovered
// sensor shows up as a rule on the Rules page with the condition the device's payloads are read with.
import { connectAsync } from 'mqtt';
import { beforeAll, describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('device alerts', () => {
  const env = useHeraldAndBrowser();

  beforeAll(async () => {
    const client = await connectAsync(`mqtt://127.0.0.1:${env.server.brokerPort}`, { reconnectPeriod: 0 });
    const config = {
      name: 'Battery',
      stat_t: 'e2e/door/state',
      val_tpl: '{{ value_json.battery }}',
      unit_of_measurement: '%',
      dev: { ids: 'door', name: 'Back door' },
    };
    await client.publishAsync('homeassistant/sensor/door_battery/config', JSON.stringify(config), {
      retain: true,
      qos: 1,
    });
    await client.publishAsync('e2e/door/state', '{"battery": 80}', { retain: true, qos: 1 });
    await client.endAsync();
  });

  it('creates a rule from a sensor, shown on the Rules page', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      const nav = page.getByRole('navigation', { name: 'Pages' });
      await nav.getByRole('button', { name: 'Devices' }).click();
      const devices = page.locator('.devices-page');
      await devices.getByLabel('Notify me when Battery…').click();
      await devices.getByLabel('Condition').selectOption({ label: 'is below' });
      await devices.getByLabel('Value').fill('15');
      await devices.getByLabel('For at least (minutes)').fill('10');
      await devices.getByRole('button', { name: 'Create alert' }).click();
      const rule = 'Back door: Battery below 15 for 10 min';
      await expect.poll(() => devices.getByRole('status').textContent()).toContain(rule);

      await nav.getByRole('button', { name: 'Rules' }).click();
      const rules = page.locator('.rules-page');
      await rules.getByText(rule).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
