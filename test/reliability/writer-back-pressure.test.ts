// Back-pressure end to end: while the writer worker commits nothing (paused on purpose), an MQTT source stops
// reading (nothing acknowledged, so the broker's in-flight window closes; with no window, Herald's own cap on
// uncommitted messages stops mqtt.js reading and TCP pushes back), what it holds stays bounded, and once the
// worker resumes every message arrives, each once.
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_READ_PACING } from '../../src/main/core/sources/mqtt/ack-after-commit.ts';
import { eventually, tempDir } from '../helpers/core.ts';
import { mosquittoPub, startMosquitto } from '../helpers/mosquitto.ts';
import { mqttConfig, startSourceWithWorker } from './helpers/source-harness.ts';

const COUNT = 12_000;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('a paused writer worker', () => {
  for (const window of ['Mosquitto default (20)', 'none (max_inflight_messages 0)'] as const) {
    test(`in-flight window ${window}: the source stops reading, holds a bounded number, then all arrive once`, async () => {
      const broker = await startMosquitto({
        extraConfig: window.startsWith('none') ? ['max_inflight_messages 0'] : [],
      });
      cleanups.push(broker.stop);
      const dir = tempDir();
      cleanups.push(dir.remove);
      const h = await startSourceWithWorker(
        mqttConfig({ url: broker.url, protocolVersion: 4, topics: [{ filter: 'bp/#', qos: 1 }] }),
        { dataDir: dir.path },
      );
      cleanups.push(h.stop);
      await eventually('connected', () => h.source.status.state === 'connected');

      h.writes.pause();
      const lines = Array.from({ length: COUNT }, (_, n) => `m${n}`);
      const published = mosquittoPub(broker.port, 'bp/x', lines, 1);
      // Stopped: nothing more read for a while, nothing stored, at most the cap on uncommitted messages held.
      const held = await eventually(
        'reading stopped',
        async () => {
          const before = h.handed.length;
          await settle();
          return before > 0 && h.handed.length === before ? before : null;
        },
        30_000,
      );
      expect(held).toBeLessThanOrEqual(DEFAULT_READ_PACING.maxUncommitted);
      expect(h.rows()).toHaveLength(0);

      h.writes.resume();
      await published;
      await eventually('all stored', () => h.rows().length >= COUNT, 60_000);
      const bodies = h.rows().map((row) => row.body);
      expect(new Set(bodies).size).toBe(COUNT);
      expect(bodies).toHaveLength(COUNT);
    }, 90_000);
  }
});

describe('a writer worker that crashes during ingest', () => {
  test('is started again; the source reconnects and every QoS 1 message ends up stored', async () => {
    const broker = await startMosquitto();
    cleanups.push(broker.stop);
    const dir = tempDir();
    cleanups.push(dir.remove);
    const h = await startSourceWithWorker(
      mqttConfig({
        url: broker.url,
        protocolVersion: 4,
        clientId: 'herald-worker-crash',
        clean: false,
        topics: [{ filter: 'crash/#', qos: 1 }],
      }),
      { dataDir: dir.path },
    );
    cleanups.push(h.stop);
    await eventually('connected', () => h.source.status.state === 'connected');

    const lines = Array.from({ length: COUNT }, (_, n) => `m${n}`);
    const published = mosquittoPub(broker.port, 'crash/x', lines, 1);
    await eventually('a part stored', () => h.rows().length >= 1000, 30_000);
    // Uncommitted writes fail; nothing of them was acknowledged, so the broker sends them again.
    await h.writes.crashForTest();
    await published;
    await eventually('all stored', () => new Set(h.rows().map((row) => row.body)).size >= COUNT, 60_000);
    expect(new Set(h.rows().map((row) => row.body)).size).toBe(COUNT);
    // The crash was seen: the source dropped its connection because writes failed, then came back.
    expect(h.statuses.some((status) => /could not be stored.*inbox writer stopped/.test(status.error ?? ''))).toBe(
      true,
    );
  }, 90_000);
});
