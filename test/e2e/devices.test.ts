// The Devices page in Chromium against `herald serve` and its embedded broker: Home Assistant discovery
// configs published to the broker become devices; toggling a light shows at once and is confirmed by a
// broker-side echo that answers on the state topic; a switch whose device never answers is rolled back
// after 5 s with a message saying so. A picked colour and a moved cover slider reach the broker (mosquitto_sub
// is the witness) and the echoed state shows.
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../main/core/devices/broker-tools.ts';
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
  // A JSON-schema light that takes hue/saturation: it reports a colour at full brightness.
  'homeassistant/light/echo_colour/config': {
    name: 'Echo colour',
    schema: 'json',
    cmd_t: 'e2e/echo_colour/set',
    stat_t: 'e2e/echo_colour/state',
    sup_clrm: ['hs'],
    dev: { ids: 'echo_colour', name: 'Colour lamp', sa: 'Lab' },
  },
  'homeassistant/cover/echo_blind/config': {
    name: 'Echo blind',
    cmd_t: 'e2e/echo_blind/set',
    pos_t: 'e2e/echo_blind/position',
    set_pos_t: 'e2e/echo_blind/position/set',
    dev: { ids: 'echo_blind', name: 'Blind', sa: 'Lab' },
  },
};

/** The echo devices: whatever is sent to a command topic comes back on its state topic. */
const ECHOES: Record<string, string> = {
  'e2e/echo_light/set': 'e2e/echo_light/state',
  'e2e/echo_colour/set': 'e2e/echo_colour/state',
  'e2e/echo_blind/position/set': 'e2e/echo_blind/position',
};

describe('devices', () => {
  const env = useHeraldAndBrowser();
  let echo: MqttClient;

  beforeAll(async () => {
    echo = await connectAsync(`mqtt://127.0.0.1:${env.server.brokerPort}`, { reconnectPeriod: 0 });
    echo.on('message', (topic, payload) => {
      const state = ECHOES[topic];
      if (state) echo.publish(state, payload, { retain: true });
    });
    await echo.subscribeAsync(Object.keys(ECHOES));
    for (const [topic, config] of Object.entries(CONFIGS)) {
      await echo.publishAsync(topic, JSON.stringify(config), { retain: true, qos: 1 });
    }
    await echo.publishAsync('e2e/echo_light/state', 'OFF', { retain: true, qos: 1 });
    await echo.publishAsync('e2e/silent/state', 'OFF', { retain: true, qos: 1 });
    await echo.publishAsync('e2e/echo_colour/state', '{"state":"ON","color":{"h":240,"s":100}}', {
      retain: true,
      qos: 1,
    });
    await echo.publishAsync('e2e/echo_blind/position', '0', { retain: true, qos: 1 });
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

  it('sends a picked colour and a cover position, and shows the state the devices echo', async () => {
    const { context, page, errors, events } = await openHerald(env.browser, env.server);
    const sub = await subscribe(env.server.brokerPort!, 'e2e/+/#');
    try {
      await page.getByRole('navigation').getByRole('button', { name: 'Devices' }).click();
      const colour = page.getByLabel('Colour of Echo colour');
      const blind = page.getByRole('slider', { name: 'Echo blind position' });
      await expect.poll(() => colour.inputValue()).toBe('#0000ff');
      expect(await blind.getAttribute('aria-valuetext')).toBe('0 %');

      // A dark red: the light takes hue/saturation, so it echoes the red at full brightness.
      await colour.fill('#800000');
      await blind.focus();
      await blind.press('End');
      await expect
        .poll(() => sub.lines)
        .toEqual(
          expect.arrayContaining([
            'e2e/echo_colour/set {"state":"ON","color":{"h":0,"s":100}}',
            'e2e/echo_blind/position/set 100',
          ]),
        );
      await expect.poll(() => colour.inputValue()).toBe('#ff0000');
      await expect
        .poll(() => JSON.stringify(events.filter((e) => e.event === 'devices.changed')))
        .toMatch(/"name":"Echo blind"[^}]*"position":\{"value":100/);
      expect(await blind.getAttribute('aria-valuetext')).toBe('100 %');
      // Both confirmed (the red at full brightness counts as the dark red sent): nothing is rolled back.
      await page.waitForTimeout(5_500);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await colour.inputValue()).toBe('#ff0000');
      expect(errors).toEqual([]);
    } finally {
      await sub.stop();
      await context.close();
    }
  }, 30_000);
});
