// Devices against a real Mosquitto: retained Home Assistant discovery configs and a Zigbee2MQTT device list
// (fixtures written from their documentation) become devices; each control publishes the documented payload
// to the right topic (seen by mosquitto_sub); state and availability update them; none of it is in the inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView, EntityView } from '../../../../src/shared/commands/devices.ts';
import { commands } from '../../../../src/shared/contract.ts';
import { startMosquitto, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { fixture, publish, publishRetained, subscribe, type HaFixture } from './broker-tools.ts';

let mosquitto: Mosquitto;
let dir: ReturnType<typeof tempDir>;
let test: TestCore;

const ha = fixture<HaFixture>('ha-discovery.json');
const z2m = fixture<{ devices: unknown[] }>('z2m-bridge-devices.json');

const inbox = () => test.core.handlers['inbox.list'](commands['inbox.list'].request.parse({}));
const list = () => test.core.handlers['devices.list']({});
const device = async (name: string): Promise<DeviceView | undefined> =>
  (await list()).devices.find((d) => d.name === name);
const entity = async (deviceName: string, entityName: string): Promise<EntityView | undefined> =>
  (await device(deviceName))?.entities.find((e) => e.name === entityName);

async function startCore() {
  test = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: mosquitto.url, topics: [{ filter: 'herald/#', qos: 1 }] }],
  });
  // Subscribed before anything is published to it: a marker sent earlier would never arrive.
  const started = test;
  await eventually(
    'the source connected',
    () => started.core.getState().sources.find((s) => s.ephemeral)?.status.state === 'connected',
  );
}

beforeAll(async () => {
  mosquitto = await startMosquitto();
  dir = tempDir();
  for (const config of ha.configs) {
    const payload = typeof config.payload === 'string' ? config.payload : JSON.stringify(config.payload);
    await publishRetained(mosquitto.port, config.topic, payload);
  }
  await publishRetained(mosquitto.port, 'zigbee2mqtt/bridge/devices', JSON.stringify(z2m.devices));
  await publishRetained(mosquitto.port, 'zigbee2mqtt/living_room/bulb', '{"state":"OFF","brightness":10}');
  await publishRetained(mosquitto.port, 'zigbee2mqtt/living_room/bulb/availability', '{"state":"online"}');
  await publishRetained(mosquitto.port, 'zigbee2mqtt/back_door/availability', 'offline');
  await publishRetained(mosquitto.port, 'herald/retained/note', 'kept once');
  await startCore();
  await eventually('the devices', async () => (await list()).devices.length >= 11);
}, 30_000);

afterAll(async () => {
  await test?.stop();
  await mosquitto?.stop();
  dir?.remove();
});

describe('Home Assistant discovery', () => {
  it('lists devices with areas, expanded abbreviations and the ~ base topic', async () => {
    const garden = await device('Garden controller');
    expect(garden).toMatchObject({ area: 'Garden', manufacturer: 'Acme', model: 'G1', origin: 'homeassistant' });
    expect(garden!.entities[0]).toMatchObject({ name: 'Garden irrigation', control: 'toggle', settable: true });
    const station = await device('Weather station');
    expect(station!.entities.map((e) => [e.name, e.control]).sort()).toEqual(
      [
        ['Humidity', 'readout'],
        ['Mode', 'select'],
        ['Rain', 'readout'],
        ['Report interval', 'number'],
        ['Restart', 'press'],
        ['Temperature', 'readout'],
      ].sort(),
    );
    expect(await entity('Weather station', 'Report interval')).toMatchObject({
      min: 10,
      max: 600,
      step: 10,
      unit: 's',
    });
    expect(await entity('Kitchen ceiling', 'Ceiling')).toMatchObject({
      brightness: { max: 100 },
      colorTemp: { min: 153, max: 500 },
    });
  });

  it('lists unknown components and shows bad configs as per-entity errors', async () => {
    const { unknown, devices } = await list();
    expect(unknown.map((u) => u.component).sort()).toEqual(['alarm_control_panel', 'vacuum']);
    const errors = devices.flatMap((d) => d.entities).filter((e) => e.error);
    expect(errors.map((e) => e.error)).toEqual(
      expect.arrayContaining(['command_topic is required', 'the config is not valid JSON']),
    );
  });

  it('reads state through value templates', async () => {
    await publish(
      mosquitto.port,
      'station/ws_01/state',
      '{"temperature": "21.46", "humidity": 55.7, "rain": {"detected": "yes"}}',
    );
    await eventually('the temperature', async () => (await entity('Weather station', 'Temperature'))?.value === 21.5);
    expect((await entity('Weather station', 'Humidity'))?.value).toBe(55);
    expect((await entity('Weather station', 'Rain'))?.value).toBe(true);
    // A payload the template cannot read is an error on the entity, not a crash, and the value stays.
    await publish(mosquitto.port, 'station/ws_01/state', '{"humidity": 50}');
    await eventually('the template error', async () => (await entity('Weather station', 'Temperature'))?.error);
    expect((await entity('Weather station', 'Temperature'))?.value).toBe(21.5);
  });

  it('honours availability topics, payloads and availability_mode all', async () => {
    await publish(mosquitto.port, 'homeassistant/switch/irrigation/availability', 'down');
    await eventually('the garden offline', async () => (await device('Garden controller'))?.available === false);
    await publish(mosquitto.port, 'homeassistant/switch/irrigation/availability', 'up');
    await eventually('the garden online', async () => (await device('Garden controller'))?.available === true);
    await publish(mosquitto.port, 'station/ws_01/online', 'online');
    await publish(mosquitto.port, 'bridge/online', '0');
    await eventually('the station offline', async () => (await device('Weather station'))?.available === false);
    await publish(mosquitto.port, 'bridge/online', '1');
    await eventually('the station online', async () => (await device('Weather station'))?.available === true);
    expect((await device('Weather station'))?.lastSeen).toBeGreaterThan(0);
  });

  it('publishes each control with the configured payloads and templates', async () => {
    const sub = await subscribe(mosquitto.port, '#');
    try {
      const send = async (deviceName: string, entityName: string, request: object) => {
        const target = await entity(deviceName, entityName);
        return test.core.handlers['devices.command']({ entityId: target!.id, ...request } as never);
      };
      await send('Garden controller', 'Garden irrigation', { action: 'turn_on' });
      await send('Kitchen ceiling', 'Ceiling', { action: 'turn_off' });
      await send('Kitchen ceiling', 'Ceiling', { action: 'set', feature: 'brightness', value: 40 });
      await send('Kitchen ceiling', 'Ceiling', { action: 'set', feature: 'colorTemp', value: 300 });
      await send('Desk lamp', 'Desk lamp', { action: 'set', feature: 'colorTemp', value: 250 });
      await send('Weather station', 'Report interval', { action: 'set', value: 60 });
      await send('Weather station', 'Mode', { action: 'set', value: 'turbo' });
      await send('Weather station', 'Restart', { action: 'press' });
      await send('Garage', 'Garage door', { action: 'open' });
      await send('Front door lock', 'Front door', { action: 'turn_on' });
      const expected = [
        'homeassistant/switch/irrigation/set ON',
        'kitchen/ceiling/switch OFF',
        'kitchen/ceiling/brightness/set 40',
        'kitchen/ceiling/ct/set 300',
        'office/desk_lamp/set {"state":"ON","color_temp":250}',
        'station/ws_01/interval/set {"seconds": 60}',
        'station/ws_01/mode/set turbo',
        'station/ws_01/restart REBOOT',
        'garage/door/set UP',
        'house/front_door/set LOCK',
      ];
      await eventually('every command on the broker', () => expected.every((line) => sub.lines.includes(line)));
    } finally {
      await sub.stop();
    }
  });

  it('refuses a command the entity does not take, with the reason', async () => {
    const mode = await entity('Weather station', 'Mode');
    await expect(
      test.core.handlers['devices.command']({ entityId: mode!.id, action: 'set', value: 'warp' }),
    ).rejects.toThrow('"warp" is not one of the options');
  });

  it('shows state topics confirming a command', async () => {
    await publish(mosquitto.port, 'kitchen/ceiling/status', 'ON');
    await publish(mosquitto.port, 'kitchen/ceiling/brightness', '40');
    await publish(mosquitto.port, 'garage/door/state', 'is_open');
    await publish(mosquitto.port, 'house/front_door/state', '{"state": "LOCKED"}');
    await publish(mosquitto.port, 'office/desk_lamp', '{"state":"ON","brightness":120,"color_temp":250}');
    await eventually('the ceiling on', async () => (await entity('Kitchen ceiling', 'Ceiling'))?.value === true);
    expect((await entity('Kitchen ceiling', 'Ceiling'))?.brightness?.value).toBe(40);
    await eventually('the garage open', async () => (await entity('Garage', 'Garage door'))?.value === 'open');
    await eventually('the lock locked', async () => (await entity('Front door lock', 'Front door'))?.value === true);
    await eventually('the desk lamp', async () => (await entity('Desk lamp', 'Desk lamp'))?.colorTemp?.value === 250);
  });

  it('removes an entity when its retained config is emptied', async () => {
    await publishRetained(mosquitto.port, 'homeassistant/cover/garage/door/config', '');
    await eventually('the garage gone', async () => (await device('Garage')) === undefined);
    await eventually('the removal pushed to the UI', () =>
      test.eventsOf('devices.changed').some((c) => c.removed.some((id) => id.includes('garage'))),
    );
  });
});

describe('Zigbee2MQTT', () => {
  it('builds controls from exposes with their access bits', async () => {
    const bulb = await eventually('the bulb online', async () => {
      const found = await device('living_room/bulb');
      return found?.available && found.entities.some((e) => e.value !== null) ? found : null;
    });
    expect(bulb).toMatchObject({
      origin: 'zigbee2mqtt',
      model: '9290012573A',
      manufacturer: 'Philips',
      available: true,
    });
    expect(bulb.entities.find((e) => e.name === 'State')).toMatchObject({
      control: 'toggle',
      value: false,
      brightness: { value: 10, max: 254 },
      colorTemp: { min: 150, max: 500 },
    });
    expect(bulb.entities.find((e) => e.name === 'Linkquality')).toMatchObject({ control: 'readout', settable: false });
    expect((await device('bathroom_sensor'))!.entities.find((e) => e.name === 'Sensitivity')).toMatchObject({
      control: 'select',
      options: ['low', 'medium', 'high'],
    });
    expect(await device('Coordinator')).toBeUndefined();
    expect(await device('disabled_thing')).toBeUndefined();
    // Plain `offline` (legacy availability payload) greys the lock out.
    await eventually('the lock offline', async () => (await device('back_door'))?.available === false);
  });

  it('sends commands to <base>/<friendly_name>/set and reads state from <base>/<friendly_name>', async () => {
    const sub = await subscribe(mosquitto.port, 'zigbee2mqtt/+/+/set');
    const sub2 = await subscribe(mosquitto.port, 'zigbee2mqtt/+/set');
    try {
      const bulb = (await device('living_room/bulb'))!.entities.find((e) => e.name === 'State')!;
      await test.core.handlers['devices.command']({ entityId: bulb.id, action: 'turn_on' });
      await test.core.handlers['devices.command']({
        entityId: bulb.id,
        action: 'set',
        feature: 'brightness',
        value: 200,
      });
      const lock = (await device('back_door'))!.entities.find((e) => e.name === 'State')!;
      await test.core.handlers['devices.command']({ entityId: lock.id, action: 'turn_off' });
      const blinds = (await device('blinds'))!.entities.find((e) => e.component === 'cover')!;
      await test.core.handlers['devices.command']({ entityId: blinds.id, action: 'close' });
      await eventually('the bulb commands', () =>
        [
          'zigbee2mqtt/living_room/bulb/set {"state":"ON"}',
          'zigbee2mqtt/living_room/bulb/set {"brightness":200}',
        ].every((line) => sub.lines.includes(line)),
      );
      await eventually('the lock and blinds commands', () =>
        ['zigbee2mqtt/back_door/set {"state":"UNLOCK"}', 'zigbee2mqtt/blinds/set {"state":"CLOSE"}'].every((line) =>
          sub2.lines.includes(line),
        ),
      );
    } finally {
      await sub.stop();
      await sub2.stop();
    }
    await publish(
      mosquitto.port,
      'zigbee2mqtt/bathroom_sensor',
      '{"temperature":22.5,"humidity":40,"water_leak":false}',
    );
    await eventually(
      'the bathroom temperature',
      async () => (await device('bathroom_sensor'))?.entities.find((e) => e.name === 'Temperature')?.value === 22.5,
    );
  });
});

describe('the inbox', () => {
  it('stores none of the device traffic, but other messages as before', async () => {
    await publish(mosquitto.port, 'herald/hello', 'a real message');
    await eventually('the message', async () => (await inbox()).items.some((m) => m.topic === 'herald/hello'));
    const topics = (await inbox()).items.map((m) => m.topic).sort();
    expect(topics).toEqual(['herald/hello', 'herald/retained/note']);
  });

  it('does not store an unchanged retained message again after a reconnect or a restart', async () => {
    const count = async () => (await inbox()).items.filter((m) => m.topic === 'herald/retained/note').length;
    expect(await count()).toBe(1);
    const before = test.eventsOf('app.state').length;
    await test.core.handlers['sources.reconnect']({});
    await eventually('a reconnect', () => {
      const states = test
        .eventsOf('app.state')
        .slice(before)
        .map((s) => s.sources.find((x) => x.ephemeral)?.status.state);
      const dropped = states.findIndex((state) => state !== 'connected');
      return dropped !== -1 && states.slice(dropped).includes('connected');
    });
    await publish(mosquitto.port, 'herald/after-reconnect', 'marker');
    await eventually('the marker', async () => (await inbox()).items.some((m) => m.topic === 'herald/after-reconnect'));
    expect(await count()).toBe(1);

    await test.stop();
    await startCore();
    await publish(mosquitto.port, 'herald/after-restart', 'marker');
    await eventually('the second marker', async () =>
      (await inbox()).items.some((m) => m.topic === 'herald/after-restart'),
    );
    expect(await count()).toBe(1);
    // A changed retained message is stored.
    await publish(mosquitto.port, 'herald/retained/note', 'changed', true);
    await eventually('the change', async () => (await count()) === 2);
  });
});
