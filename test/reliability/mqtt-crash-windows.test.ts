// Herald killed (SIGKILL) at the two moments that decide exactly-once, each on purpose rather than by chance:
// after a message reached the pipeline but before it was committed, and after the commit but before the
// broker got PUBACK/PUBCOMP. Started again on the same inbox, Herald has each message exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { eventually, tempDir } from '../helpers/core.ts';
import { mosquittoPub, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { mqttConfig, startSource, type SourceHarness } from './helpers/source-harness.ts';

const CHILD = fileURLToPath(new URL('./helpers/crash-child.ts', import.meta.url));

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs the source in a child process until it prints `until`, then kills it with SIGKILL. */
async function crashAt(
  dataDir: string,
  mode: 'before-commit' | 'after-commit',
  qos: 1 | 2,
  clientId: string,
  publish: () => Promise<void>,
) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', CHILD, broker.url, dataDir, mode, String(qos), clientId],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually('child connected', () => output.includes('connected'), 10_000);
  await publish();
  await eventually(
    `child reached ${mode}`,
    () => output.includes(mode === 'before-commit' ? 'handed' : 'committed'),
    5000,
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function restart(dataDir: string, qos: 1 | 2, clientId: string): Promise<SourceHarness> {
  const h = startSource(mqttConfig({ url: broker.url, clientId, clean: false, topics: [{ filter: 'crash/#', qos }] }), {
    dataDir,
  });
  cleanups.push(h.stop);
  await eventually('connected', () => h.source.status.state === 'connected');
  return h;
}

/** A later message arrives after the first: the broker finished the first one's handshake. */
async function settledWithMarker(h: SourceHarness, qos: 1 | 2): Promise<string[]> {
  await mosquittoPub(broker.port, 'crash/marker', ['marker'], qos);
  await eventually('marker stored', () => h.rows().some((r) => r.body === 'marker'));
  await new Promise((r) => setTimeout(r, 200));
  return h.rows().map((r) => r.body);
}

describe('exactly once across a crash', () => {
  test('QoS 2, killed before the commit: the kept packet is delivered when the broker repeats PUBREL', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    await crashAt(dir.path, 'before-commit', 2, 'crash-q2-before', () =>
      mosquittoPub(broker.port, 'crash/a', ['plain payload, no id'], 2),
    );
    const h = await restart(dir.path, 2, 'crash-q2-before');
    expect(await settledWithMarker(h, 2)).toEqual(['plain payload, no id', 'marker']);
  });

  test('QoS 2, killed after the commit: the repeated PUBREL finds nothing and is completed without a second copy', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    await crashAt(dir.path, 'after-commit', 2, 'crash-q2-after', () =>
      mosquittoPub(broker.port, 'crash/a', ['plain payload, no id'], 2),
    );
    const h = await restart(dir.path, 2, 'crash-q2-after');
    expect(await settledWithMarker(h, 2)).toEqual(['plain payload, no id', 'marker']);
    // Nothing is left in flight: the handshake is over on both sides.
    await h.stop();
    const again = await restart(dir.path, 2, 'crash-q2-after');
    await new Promise((r) => setTimeout(r, 300));
    expect(again.rows().length).toBe(2);
  });

  test('QoS 1, killed before the commit: the broker sends it again and it is stored', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    await crashAt(dir.path, 'before-commit', 1, 'crash-q1-before', () =>
      mosquittoPub(broker.port, 'crash/a', ['{"id":"q1","message":"m"}'], 1),
    );
    const h = await restart(dir.path, 1, 'crash-q1-before');
    expect(await settledWithMarker(h, 1)).toEqual(['{"id":"q1","message":"m"}', 'marker']);
  });

  test('QoS 1, killed after the commit: the redelivered copy is recognised by its id', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    await crashAt(dir.path, 'after-commit', 1, 'crash-q1-after', () =>
      mosquittoPub(broker.port, 'crash/a', ['{"id":"q1","message":"m"}'], 1),
    );
    const h = await restart(dir.path, 1, 'crash-q1-after');
    expect(await settledWithMarker(h, 1)).toEqual(['{"id":"q1","message":"m"}', 'marker']);
    expect(h.handed.filter((m) => m.properties?.dup === true).length).toBe(1);
  });
});
