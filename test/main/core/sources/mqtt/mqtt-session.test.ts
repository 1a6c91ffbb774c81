// Persistent sessions: with clean=false (MQTT 5: and a session expiry) the broker keeps Herald's
// subscriptions and queues QoS 1/2 messages while Herald is off; they arrive when it is back, once.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { clientIdFor } from '../../../../../src/main/core/sources/mqtt/mqtt-options.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { mosquittoPub } from '../../../../helpers/mosquitto.ts';
import { PersistentMosquitto, publishRetained } from '../../../../reliability/helpers/brokers.ts';
import { mqttConfig, startSource, type SourceHarness } from '../../../../reliability/helpers/source-harness.ts';

let broker: PersistentMosquitto;
beforeAll(async () => {
  broker = new PersistentMosquitto();
  await broker.start();
});
afterAll(() => broker.remove());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

async function run(fields: Parameters<typeof mqttConfig>[0], dir: string): Promise<SourceHarness> {
  const h = startSource(mqttConfig(fields), { dataDir: dir });
  cleanups.push(h.stop);
  await eventually('connected', () => h.source.status.state === 'connected');
  return h;
}

const bodies = (h: SourceHarness) => h.rows().map((r) => r.body);

describe('persistent sessions', () => {
  for (const protocolVersion of [4, 5] as const) {
    test(`MQTT ${protocolVersion === 5 ? '5' : '3.1.1'}: QoS 1 and 2 messages sent while Herald was off (and the broker restarted) arrive once`, async () => {
      const dir = dataDir();
      const topic = `office${protocolVersion}`;
      const fields = {
        url: broker.url,
        clientId: `herald-session-${protocolVersion}`,
        clean: false,
        protocolVersion,
        sessionExpiry: 3600,
        topics: [{ filter: `${topic}/#`, qos: 2 as const }],
      };
      const first = await run(fields, dir);
      await first.stop();

      await mosquittoPub(broker.port, `${topic}/q1`, ['q1-a', 'q1-b', 'q1-c'], 1);
      await mosquittoPub(broker.port, `${topic}/q2`, ['q2-a', 'q2-b', 'q2-c'], 2);
      await broker.restart();

      const second = await run(fields, dir);
      await eventually('all six stored', () => second.rows().length >= 6);
      await new Promise((r) => setTimeout(r, 300));
      expect(bodies(second).sort()).toEqual(['q1-a', 'q1-b', 'q1-c', 'q2-a', 'q2-b', 'q2-c']);
    });
  }

  test('stopping in the middle of a stream acknowledges what is stored and leaves the rest to the broker: none lost, none twice', async () => {
    const dir = dataDir();
    const fields = {
      url: broker.url,
      clientId: 'herald-stop',
      clean: false,
      topics: [{ filter: 'stop/#', qos: 1 as const }],
    };
    // Plain payloads (no id to dedupe by), each commit a little slow so the stream is still running at stop().
    const slow = startSource(mqttConfig(fields), {
      dataDir: dir,
      sink: async (message, commit) => {
        await new Promise((r) => setTimeout(r, 2));
        return commit(message);
      },
    });
    cleanups.push(slow.stop);
    await eventually('connected', () => slow.source.status.state === 'connected');
    await mosquittoPub(
      broker.port,
      'stop/x',
      Array.from({ length: 3000 }, (_, n) => `plain ${n}`),
      1,
    );
    await eventually('part of the stream stored', () => slow.rows().length >= 300);
    await slow.stop();

    const again = await run(fields, dir);
    await eventually('the rest stored', () => again.rows().length >= 3000);
    await new Promise((r) => setTimeout(r, 300));
    const bodies = again.rows().map((r) => r.body);
    expect(bodies.length).toBe(3000);
    expect(new Set(bodies).size).toBe(3000);
  });

  test('without a configured client id a persistent session gets a stable one, so nothing is orphaned', async () => {
    const dir = dataDir();
    const fields = { id: 'desk', url: broker.url, clean: false, topics: [{ filter: 'stable/#', qos: 1 as const }] };
    const config = mqttConfig(fields);
    expect(clientIdFor(config, `${dir}/sources`)).toBe(clientIdFor(config, `${dir}/sources`));
    expect(clientIdFor(config, `${dir}/sources`)).toMatch(/^herald-desk-[0-9a-f]{6}$/);
    expect(clientIdFor(mqttConfig({ ...fields, clean: true }), dir)).toBeUndefined();

    const first = await run(fields, dir);
    await first.stop();
    await mosquittoPub(broker.port, 'stable/x', ['sent while off'], 1);
    const second = await run(fields, dir);
    await eventually('queued message stored', () => bodies(second).includes('sent while off'));
  });

  test('a topic removed from the settings is unsubscribed from the kept session', async () => {
    const dir = dataDir();
    const base = { url: broker.url, clientId: 'herald-edit', clean: false };
    const first = await run(
      {
        ...base,
        topics: [
          { filter: 'kept/#', qos: 1 },
          { filter: 'removed/#', qos: 1 },
        ],
      },
      dir,
    );
    await first.stop();
    const second = await run({ ...base, topics: [{ filter: 'kept/#', qos: 1 }] }, dir);
    await mosquittoPub(broker.port, 'removed/x', ['must not arrive'], 1);
    await mosquittoPub(broker.port, 'kept/x', ['arrives'], 1);
    await eventually('kept topic delivered', () => bodies(second).includes('arrives'));
    await new Promise((r) => setTimeout(r, 200));
    expect(bodies(second)).toEqual(['arrives']);
  });

  test('coming back to a kept session does not fetch retained messages again', async () => {
    const dir = dataDir();
    publishRetained(broker.port, 'retained/state', 'the current state');
    cleanups.push(() => publishRetained(broker.port, 'retained/state', null));
    const fields = {
      url: broker.url,
      clientId: 'herald-retained',
      clean: false,
      topics: [{ filter: 'retained/#', qos: 1 as const }],
    };
    const first = await run(fields, dir);
    await eventually('retained message stored', () => first.rows().length === 1);
    first.source.reconnectNow();
    await eventually('reconnected', () => first.statuses.filter((s) => s.state === 'connected').length >= 2);
    await first.stop();

    const second = await run(fields, dir);
    await mosquittoPub(broker.port, 'retained/other', ['marker'], 1);
    await eventually('marker stored', () => bodies(second).includes('marker'));
    expect(bodies(second)).toEqual(['the current state', 'marker']);
  });
});
