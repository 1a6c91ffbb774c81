// How the MQTT source reads while the inbox is busy: when commits fall behind it stops reading (the broker's
// TCP connection pushes back, memory stays bounded) and takes up every message once they catch up; a long burst
// is read in slices so the event loop keeps turning for the tray, notifications and commands.
import mqtt from 'mqtt';
import { afterEach, beforeAll, afterAll, describe, expect, test } from 'vitest';
import type { IncomingMessage } from '../../../../../src/main/core/sources/common/source.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { startMosquitto, type Mosquitto } from '../../../../helpers/mosquitto.ts';
import { mqttConfig, startSource, type HarnessOptions } from '../../../../reliability/helpers/source-harness.ts';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function source(topic: string, options: Omit<HarnessOptions, 'dataDir'>) {
  const dir = tempDir();
  const harness = startSource(
    mqttConfig({ url: broker.url, clientId: `pacing-${topic}`, topics: [{ filter: `${topic}/#`, qos: 0 }] }),
    { dataDir: dir.path, ...options },
  );
  cleanups.push(dir.remove, harness.stop);
  return harness;
}

async function flood(topic: string, count: number): Promise<void> {
  const client = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
  cleanups.push(() => client.endAsync());
  for (let i = 0; i < count; i++) client.publish(`${topic}/x`, JSON.stringify({ title: `m${i}` }), { qos: 0 });
  await client.publishAsync(`${topic}/x`, 'last', { qos: 1 });
}

/** A store that stalls until released: commits wait, then go through the real pipeline. */
function stallingStore() {
  let waiting: (() => void)[] = [];
  let stalled = true;
  const sink: HarnessOptions['sink'] = (message: IncomingMessage, commit) => {
    if (!stalled) return commit(message);
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => commit(message));
  };
  return {
    sink,
    release() {
      stalled = false;
      for (const resume of waiting) resume();
      waiting = [];
    },
  };
}

describe('reading while the inbox is busy', () => {
  test('a stalled store stops the source reading at its bound, and every message arrives once it resumes', async () => {
    const total = 20_000;
    const maxUncommitted = 500;
    const store = stallingStore();
    const h = source('stall', { sink: store.sink, readPacing: { sliceMs: 8, maxUncommitted } });
    await eventually('connected', () => h.source.status.state === 'connected');

    await flood('stall', total);
    await eventually('the bound reached', () => h.handed.length >= maxUncommitted);
    await new Promise((r) => setTimeout(r, 500));
    // Nothing more was taken in while the store stalled: the rest waits in the socket and at the broker.
    expect(h.handed.length).toBe(maxUncommitted);

    store.release();
    await eventually('every message stored', () => h.store.counts().total === total + 1, 30_000);
    expect(h.handed).toHaveLength(total + 1);
    expect(h.rows().at(-1)?.body).toBe('last');
  });

  test('a burst is read in slices: the event loop turns between them', async () => {
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    tick();
    cleanups.push(() => (ticking = false));
    const turns = new Set<number>();
    const h = source('slices', {
      sink: (message, commit) => {
        turns.add(turn);
        return commit(message);
      },
      // A zero slice: a task reads a message, finds its slice used up after the next one, and lets the loop turn.
      readPacing: { sliceMs: 0, maxUncommitted: 5_000 },
    });
    await eventually('connected', () => h.source.status.state === 'connected');

    await flood('slices', 2_000);
    await eventually('every message stored', () => h.store.counts().total === 2_001, 30_000);
    // At most two messages per turn of the loop (read in one go, the 2,001 would share a handful of turns).
    expect(turns.size).toBeGreaterThanOrEqual(1_001);
  });
});
