// favourites.list / favourites.set on a real DeviceRegistry fed Home Assistant discovery and state messages, and
// settings held in memory as the core holds them: pins are kept in the settings, listed with the toggle's state
// and availability, and survive the entity going away; bad input is refused and changes nothing.
import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../../src/shared/contract.ts';
import { DeviceRegistry } from '../../../../src/main/core/devices/device-registry.ts';
import type { IncomingMessage } from '../../../../src/main/core/messages.ts';
import { createFavouritesHandlers } from '../../../../src/main/core/service/favourites-handlers.ts';
import { defaultSettings, Settings, StoredSource } from '../../../../src/main/core/settings/schema.ts';
import { startTestCore, tempDir } from '../../../helpers/core.ts';

const source = StoredSource.parse({
  id: 'home',
  kind: 'mqtt',
  name: 'Home',
  url: 'mqtt://127.0.0.1:1883',
  topics: [{ filter: 'alerts/#', qos: 1 }],
});

const message = (topic: string, payload: string): IncomingMessage => ({
  sourceId: 'home',
  sourceName: 'Home',
  topic,
  payload: Buffer.from(payload),
  receivedAt: Date.now(),
  properties: { qos: 0, retain: true },
});

function setup() {
  const devices = new DeviceRegistry({
    source: () => source,
    publish: async () => ({ outcome: 'sent', queued: 0 }),
    onChange: () => {},
  });
  const lamp = {
    name: 'Desk lamp',
    cmd_t: 'lamp/set',
    stat_t: 'lamp/state',
    avty_t: 'lamp/avail',
    dev: { ids: 'lamp', name: 'Office' },
  };
  devices.consume(message('homeassistant/light/lamp/config', JSON.stringify(lamp)));
  devices.consume(message('lamp/state', 'ON'));
  devices.consume(message('lamp/avail', 'online'));
  let settings: Settings = Settings.parse({
    publish: { buttons: [{ id: 'b1', name: 'Ring', sourceId: 'home', topic: 'door/ring' }] },
  });
  let saves = 0;
  const handlers = createFavouritesHandlers({
    devices,
    settings: () => settings,
    saveSettings: (next) => {
      saves++;
      settings = next;
    },
  });
  const run = (channel: 'favourites.list' | 'favourites.set', payload: unknown) =>
    // Only the favourites commands are dispatched here, so the other handlers are never looked up.
    dispatch(handlers as Handlers, channel, payload);
  const lampId = devices.list().devices[0]!.entities[0]!.id;
  return { devices, run, lampId, settings: () => settings, saves: () => saves };
}

describe('favourites commands', () => {
  it('pins an entity and a button, lists them with the toggle state and availability, and unpins', async () => {
    const { devices, run, lampId, settings } = setup();
    expect(await run('favourites.list', {})).toEqual({ ok: true, value: { favourites: [] } });

    await run('favourites.set', { kind: 'entity', id: lampId, pinned: true });
    const reply = await run('favourites.set', { kind: 'button', id: 'b1', pinned: true });
    expect(settings().favourites.entities).toEqual([lampId]);
    expect(settings().publish.buttons[0]!.pinned).toBe(true);
    expect(reply).toEqual({
      ok: true,
      value: {
        favourites: [
          {
            kind: 'entity',
            id: lampId,
            name: 'Desk lamp',
            deviceName: 'Office',
            control: 'toggle',
            on: true,
            available: true,
          },
          { kind: 'button', id: 'b1', name: 'Ring', control: 'button', on: null, available: true },
        ],
      },
    });

    // The state follows the device: off, then offline.
    devices.consume(message('lamp/state', 'OFF'));
    devices.consume(message('lamp/avail', 'offline'));
    const listed = await run('favourites.list', {});
    expect(listed).toMatchObject({ ok: true, value: { favourites: [{ on: false, available: false }, {}] } });

    await run('favourites.set', { kind: 'entity', id: lampId, pinned: false });
    await run('favourites.set', { kind: 'button', id: 'b1', pinned: false });
    expect(await run('favourites.list', {})).toEqual({ ok: true, value: { favourites: [] } });
    expect(settings().favourites.entities).toEqual([]);
  });

  it('a pinned entity that is no longer announced stays pinned and shows as unavailable', async () => {
    const { devices, run, lampId } = setup();
    await run('favourites.set', { kind: 'entity', id: lampId, pinned: true });
    devices.consume(message('homeassistant/light/lamp/config', ''));
    expect(await run('favourites.list', {})).toMatchObject({
      ok: true,
      value: { favourites: [{ kind: 'entity', id: lampId, available: false, on: null }] },
    });
  });

  it('refuses unknown entities and buttons and bad requests, changing nothing', async () => {
    const { run, settings, saves } = setup();
    const before = structuredClone(settings());
    expect(await run('favourites.set', { kind: 'entity', id: 'nope', pinned: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'device entity nope not found' },
    });
    expect(await run('favourites.set', { kind: 'button', id: 'nope', pinned: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await run('favourites.set', { kind: 'scene', id: 'x', pinned: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(settings()).toEqual(before);
    expect(saves()).toBe(0);
  });

  it('settings without favourites (older files) read as none pinned', () => {
    expect(defaultSettings().favourites).toEqual({ entities: [] });
  });
});

describe('favourites.changed on a real core', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is emitted when the pins change, by favourites.set or a button saved as pinned, and not otherwise', async () => {
    const dir = tempDir();
    const started = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
    cleanups.push(dir.remove, () => started.stop());
    const { core } = started;
    const sourceId = (await dispatch(core.handlers, 'sources.list', {})) as { ok: true; value: { id: string }[] };
    const saved = await dispatch(core.handlers, 'publish.buttons.save', {
      name: 'Ring',
      sourceId: sourceId.value[0]!.id,
      topic: 'door/ring',
    });
    expect(saved.ok).toBe(true);
    const button = (saved as { ok: true; value: { id: string } }).value;
    expect(started.eventsOf('favourites.changed')).toHaveLength(0);

    await dispatch(core.handlers, 'favourites.set', { kind: 'button', id: button.id, pinned: true });
    expect(started.eventsOf('favourites.changed')).toHaveLength(1);
    // Saved again with `pinned: false` from the button form: unpinned, told too.
    await dispatch(core.handlers, 'publish.buttons.save', { ...button, name: 'Ring', pinned: false });
    expect(started.eventsOf('favourites.changed')).toHaveLength(2);
    // A change that is not a pin (the name) says nothing.
    await dispatch(core.handlers, 'publish.buttons.save', { ...button, name: 'Ring twice', pinned: false });
    expect(started.eventsOf('favourites.changed')).toHaveLength(2);
    expect(await dispatch(core.handlers, 'favourites.list', {})).toEqual({ ok: true, value: { favourites: [] } });
  });
});
