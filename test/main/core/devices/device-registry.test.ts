// The registry on its own, with the Publisher injected: commands go out through an mqtt.js client to a real
// Mosquitto (seen by mosquitto_sub); a flood of 10,000 retained configs is read quickly and listed at once;
// retained copies are remembered within their bound.
import { Buffer } from 'node:buffer';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Publisher } from '../../../../src/shared/publish.ts';
import { DeviceRegistry } from '../../../../src/main/core/devices/device-registry.ts';
import { RetainedMemory } from '../../../../src/main/core/pipeline/retained-memory.ts';
import type { IncomingMessage } from '../../../../src/main/core/messages.ts';
import { StoredSource } from '../../../../src/main/core/settings/schema.ts';
import { startMosquitto, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { eventually } from '../../../helpers/core.ts';
import { subscribe } from './broker-tools.ts';

const source = StoredSource.parse({
  id: 'home',
  kind: 'mqtt',
  name: 'Home',
  url: 'mqtt://127.0.0.1:1883',
  topics: [{ filter: 'alerts/#', qos: 1 }],
});

const message = (topic: string, payload: string, retain = true): IncomingMessage => ({
  sourceId: 'home',
  sourceName: 'Home',
  topic,
  payload: Buffer.from(payload),
  receivedAt: Date.now(),
  properties: { qos: 0, retain },
});

let mosquitto: Mosquitto;
let client: MqttClient;

beforeAll(async () => {
  mosquitto = await startMosquitto();
  client = await connectAsync(mosquitto.url, { reconnectPeriod: 0 });
});

afterAll(async () => {
  await client?.endAsync();
  await mosquitto?.stop();
});

describe('DeviceRegistry', () => {
  it('publishes commands through the Publisher it was given', async () => {
    const publish: Publisher = async (request) => {
      await client.publishAsync(request.topic, request.payload, { qos: request.qos, retain: request.retain });
      return { outcome: 'sent', queued: 0 };
    };
    const registry = new DeviceRegistry({ source: () => source, publish, onChange: () => {} });
    try {
      const config = { name: 'Fan', cmd_t: 'fan/set', pl_on: 'spin', qos: 1, dev: { ids: 'fan' } };
      expect(registry.consume(message('homeassistant/switch/fan/config', JSON.stringify(config)))).toBe(true);
      const fan = registry.list().devices[0]!.entities[0]!;
      const sub = await subscribe(mosquitto.port, 'fan/set');
      try {
        await expect(registry.command(fan.id, { action: 'turn_on' })).resolves.toEqual({
          topic: 'fan/set',
          payload: 'spin',
        });
        await eventually('the command on the broker', () => sub.lines.includes('fan/set spin'));
      } finally {
        await sub.stop();
      }
    } finally {
      registry.stop();
    }
  });

  it('takes device traffic and what only discovery subscribed, leaves the source’s own topics to the inbox', () => {
    const registry = new DeviceRegistry({
      source: () => source,
      publish: () => Promise.reject(new Error('unused')),
      onChange: () => {},
    });
    try {
      registry.consume(message('homeassistant/sensor/t/config', '{"name":"T","stat_t":"alerts/t"}'));
      expect(registry.consume(message('alerts/other', 'x', false))).toBe(false);
      // A state topic of a discovered entity is device state even under the source's own filter.
      expect(registry.consume(message('alerts/t', '21', false))).toBe(true);
      expect(registry.consume(message('somewhere/else', 'x', false))).toBe(true);
    } finally {
      registry.stop();
    }
  });

  it('subscribes and reads only the discovery a source has switched on', () => {
    const withDiscovery = (discovery: object) => StoredSource.parse({ ...source, discovery });
    let current = withDiscovery({ homeAssistant: false, zigbee2mqtt: true, baseTopic: 'z2m' });
    const registry = new DeviceRegistry({
      source: () => current,
      publish: () => Promise.reject(new Error('unused')),
      onChange: () => {},
    });
    try {
      expect(registry.topics.forSource('home').current()).toEqual(['z2m/bridge/devices']);
      registry.consume(message('homeassistant/switch/fan/config', '{"name":"Fan","cmd_t":"fan/set"}'));
      expect(registry.list().devices).toEqual([]);
      current = withDiscovery({ homeAssistant: false, zigbee2mqtt: false });
      expect(registry.topics.forSource('home').current()).toEqual([]);
      // With discovery off, nothing is taken from the inbox.
      expect(registry.consume(message('homeassistant/switch/fan/config', '{}'))).toBe(false);
      current = withDiscovery({ prefix: 'ha' });
      expect(registry.topics.forSource('home').current()).toEqual([
        'ha/+/+/config',
        'ha/+/+/+/config',
        'zigbee2mqtt/bridge/devices',
      ]);
    } finally {
      registry.stop();
    }
  });

  it('reads a flood of 10,000 retained configs and lists them at once', async () => {
    const changes: number[] = [];
    const registry = new DeviceRegistry({
      source: () => source,
      publish: () => Promise.reject(new Error('unused')),
      onChange: (change) => changes.push(change.devices.length),
    });
    try {
      const started = performance.now();
      for (let i = 0; i < 10_000; i++) {
        const config = {
          name: `Plug ${i}`,
          cmd_t: `plug/${i}/set`,
          stat_t: `plug/${i}/state`,
          avty_t: `plug/${i}/lwt`,
          dev: { ids: `plug${i}`, name: `Plug ${i}`, sa: `Room ${i % 20}` },
        };
        registry.consume(message(`homeassistant/switch/plug${i}/config`, JSON.stringify(config)));
      }
      const consumed = performance.now() - started;
      const listed = performance.now();
      expect(registry.list().devices).toHaveLength(10_000);
      const listMs = performance.now() - listed;
      await eventually('one batched change', () => changes.reduce((a, b) => a + b, 0) === 10_000);
      console.log(`10,000 configs read in ${consumed.toFixed(0)} ms, listed in ${listMs.toFixed(0)} ms`);
      // One change event for the whole flood, not one per config (timing is for bench/, not this shared machine).
      expect(changes.length).toBeLessThanOrEqual(2);
    } finally {
      registry.stop();
    }
  }, 60_000);
});

describe('RetainedMemory', () => {
  it('knows an unchanged retained copy, forgets the oldest topics past its bound, and saves what changed', () => {
    const saved = new Map<string, string>();
    let now = 0;
    const memory = new RetainedMemory({ load: (key) => saved.get(key), maxTopics: 2, now: () => now });
    const first = message('a', 'one');
    expect(memory.unchanged(first)).toBe(false);
    memory.remember(first);
    expect(memory.unchanged(first)).toBe(true);
    expect(memory.unchanged(message('a', 'two'))).toBe(false);
    // A live (not retained) message on a known retained topic is what the broker now holds.
    expect(memory.wants(message('a', 'two', false))).toBe(true);
    expect(memory.wants(message('z', 'live', false))).toBe(false);
    memory.remember(message('a', 'two', false));
    expect(memory.unchanged(message('a', 'two'))).toBe(true);
    memory.remember(message('b', 'x'));
    memory.remember(message('c', 'y'));
    expect(memory.unchanged(message('a', 'two'))).toBe(false);
    now = 5_000;
    for (const entry of memory.stateToSave()) saved.set(entry.key, entry.value);
    expect(memory.stateToSave()).toEqual([]);
    const restarted = new RetainedMemory({ load: (key) => saved.get(key) });
    expect(restarted.unchanged(message('c', 'y'))).toBe(true);
  });
});
