// Dead connections are noticed and replaced: a broker that stops answering (half-open TCP, here a Mosquitto
// frozen with SIGSTOP) is detected by the MQTT keepalive within 1.5 x keepalive, and an explicit reconnect
// (OS resume, network change) replaces a silently dead connection at once and catches up.
import { afterEach, describe, expect, test } from 'vitest';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { mosquittoPub, startMosquitto, type Mosquitto } from '../../../../helpers/mosquitto.ts';
import { PersistentMosquitto, startFreezableProxy } from '../../../../reliability/helpers/brokers.ts';
import { mqttConfig, startSource } from '../../../../reliability/helpers/source-harness.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const KEEPALIVE_S = 2;

function liveSource(url: string, fields: Partial<Parameters<typeof mqttConfig>[0]> = {}) {
  const dir = tempDir();
  // Below the settings' minimum of 5 s so the test stays short; the mechanism is the same.
  const config = {
    ...mqttConfig({ url, clientId: 'herald-live', topics: [{ filter: 'live/#', qos: 1 }], ...fields }),
    keepalive: KEEPALIVE_S,
  };
  const h = startSource(config, { dataDir: dir.path });
  cleanups.push(dir.remove, h.stop);
  return h;
}

async function frozenBrokerIsDetected(
  broker: Mosquitto | PersistentMosquitto,
  h: ReturnType<typeof liveSource>,
): Promise<number> {
  await eventually('connected', () => h.source.status.state === 'connected');
  const frozenAt = Date.now();
  broker.process!.kill('SIGSTOP');
  cleanups.push(() => broker.process!.kill('SIGCONT'));
  await eventually('left connected', () => h.source.status.state !== 'connected', KEEPALIVE_S * 1500 + 2000);
  return Date.now() - frozenAt;
}

describe('liveness', () => {
  test('a broker that stops answering is noticed within 1.5 x keepalive; after it resumes, messages flow again', async () => {
    const broker = await startMosquitto();
    cleanups.push(broker.stop);
    const h = liveSource(broker.url);
    const detectedAfter = await frozenBrokerIsDetected(broker, h);
    expect(detectedAfter).toBeLessThanOrEqual(KEEPALIVE_S * 1500 + 500);
    expect(h.source.status.state).toBe('reconnecting');
    expect(h.source.status.error).toMatch(
      /^the broker (stopped answering \(no reply to a ping within 3 s\)|did not answer within)/,
    );

    broker.process.kill('SIGCONT');
    await eventually('connected again', () => h.source.status.state === 'connected', 15_000);
    await mosquittoPub(broker.port, 'live/after', ['flowing again'], 1);
    await eventually('message stored', () => h.rows().length === 1);
  });

  test('a frozen broker replaced by a fresh one on the same port: reconnects, subscribes again, receives', async () => {
    const broker = new PersistentMosquitto();
    await broker.start();
    cleanups.push(() => broker.remove());
    const h = liveSource(broker.url, { clean: false });
    await frozenBrokerIsDetected(broker, h);
    // The frozen process cannot save its session: the new broker knows nothing, Herald must subscribe anew.
    broker.process!.kill('SIGKILL');
    await broker.stop();
    await broker.start();
    await eventually('connected again', () => h.source.status.state === 'connected', 15_000);
    await mosquittoPub(broker.port, 'live/new-broker', ['from the new broker'], 1);
    await eventually('message stored', () => h.rows().length === 1);
  });

  test('reconnectNow replaces a silently dead connection at once and catches up, long before the keepalive would', async () => {
    const broker = await startMosquitto();
    cleanups.push(broker.stop);
    const proxy = await startFreezableProxy(broker.port);
    cleanups.push(proxy.close);
    const dir = tempDir();
    // keepalive 60 s: only the explicit reconnect can explain a recovery within a few seconds.
    const h = startSource(
      mqttConfig({
        url: `mqtt://127.0.0.1:${proxy.port}`,
        clientId: 'herald-resume',
        clean: false,
        keepalive: 60,
        topics: [{ filter: 'resume/#', qos: 1 }],
      }),
      { dataDir: dir.path },
    );
    cleanups.push(dir.remove, h.stop);
    await eventually('connected', () => h.source.status.state === 'connected');

    proxy.freeze();
    await mosquittoPub(broker.port, 'resume/x', ['while asleep 1', 'while asleep 2', 'while asleep 3'], 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.rows()).toEqual([]);

    const resumedAt = Date.now();
    h.source.reconnectNow();
    await eventually('caught up', () => h.rows().length === 3, 5000);
    expect(Date.now() - resumedAt).toBeLessThan(5000);
    expect(h.rows().map((r) => r.body)).toEqual(['while asleep 1', 'while asleep 2', 'while asleep 3']);
  });
});
