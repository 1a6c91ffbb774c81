// The Devices page with many devices, in Chromium against `herald serve` and its embedded broker: 2,000
// retained Home Assistant switch configs (200 devices) become a list that keeps only the rows in view in the
// DOM; the filter field finds one device by name, and its switch still publishes and is confirmed.
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

const SWITCHES = 2_000;
const PER_DEVICE = 10;
/** QoS 1 publishes in flight at once. */
const WINDOW = 20;
const WANTED_DEVICE = 137;
const WANTED_SWITCH = WANTED_DEVICE * PER_DEVICE + 5;

function config(i: number): { topic: string; payload: string } {
  const device = Math.floor(i / PER_DEVICE);
  return {
    topic: `homeassistant/switch/many_${i}/config`,
    payload: JSON.stringify({
      name: `Many switch ${i}`,
      uniq_id: `many_${i}`,
      '~': `e2e/many/${i}`,
      cmd_t: '~/set',
      stat_t: '~/state',
      dev: { ids: `many_device_${device}`, name: `Many device ${device}`, sa: `Floor ${device % 3}` },
    }),
  };
}

describe('devices, many of them', () => {
  const env = useHeraldAndBrowser();
  let device: MqttClient;
  const commands: string[] = [];

  beforeAll(async () => {
    device = await connectAsync(`mqtt://127.0.0.1:${env.server.brokerPort}`, { reconnectPeriod: 0 });
    // Every switch answers a command on its state topic, as a real one does.
    device.on('message', (topic, payload) => {
      commands.push(`${topic} ${payload.toString()}`);
      device.publish(topic.replace(/\/set$/, '/state'), payload, { retain: true });
    });
    await device.subscribeAsync('e2e/many/+/set');
    const messages = Array.from({ length: SWITCHES }, (_, i) => config(i));
    for (let i = 0; i < SWITCHES; i++) messages.push({ topic: `e2e/many/${i}/state`, payload: 'OFF' });
    let next = 0;
    const worker = async () => {
      while (next < messages.length) {
        const { topic, payload } = messages[next++]!;
        await device.publishAsync(topic, payload, { retain: true, qos: 1 });
      }
    };
    await Promise.all(Array.from({ length: WINDOW }, worker));
  }, 60_000);

  afterAll(async () => {
    await device?.endAsync();
  });

  it('renders only the rows in view, finds a device by name and toggles its switch', async () => {
    const { context, page, errors, events } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation').getByRole('button', { name: 'Devices' }).click();
      const devices = page.locator('.devices-page');
      await expect
        .poll(() => devices.getByText(/devices, .* entities/).textContent(), { timeout: 20_000 })
        .toBe('200 devices, 2,000 entities');
      await devices.getByRole('switch').first().waitFor();
      const rows = await devices.locator('li.entity').count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThan(400);
      // The wanted device sorts far below the first screen.
      expect(await devices.getByRole('heading', { name: `Many device ${WANTED_DEVICE}`, exact: true }).count()).toBe(0);

      await devices.getByRole('searchbox', { name: 'Filter devices' }).fill(`many device ${WANTED_DEVICE}`);
      await devices.getByRole('heading', { name: `Many device ${WANTED_DEVICE}`, exact: true }).waitFor();
      expect(await devices.getByText('1 of 200 devices match').count()).toBe(1);
      expect(await devices.locator('li.entity').count()).toBe(PER_DEVICE);
      expect(
        await page
          .getByRole('region', { name: `Floor ${WANTED_DEVICE % 3}` })
          .getByRole('heading')
          .count(),
      ).toBe(2);

      const toggle = devices.getByRole('switch', { name: `Many switch ${WANTED_SWITCH}`, exact: true });
      expect(await toggle.isChecked()).toBe(false);
      await toggle.click();
      expect(await toggle.isChecked()).toBe(true);
      await expect.poll(() => commands).toContain(`e2e/many/${WANTED_SWITCH}/set ON`);
      const confirmed = new RegExp(`"name":"Many switch ${WANTED_SWITCH}"[^}]*"value":true`);
      await expect.poll(() => JSON.stringify(events.filter((e) => e.event === 'devices.changed'))).toMatch(confirmed);
      // Past the 5 s confirmation window: still on, no roll-back message.
      await page.waitForTimeout(5_500);
      expect(await toggle.isChecked()).toBe(true);
      expect(await devices.getByRole('alert').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
