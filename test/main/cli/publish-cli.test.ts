// `herald publish` as real processes: on its own (a URL, or a saved source of the data dir) and through a
// running `herald serve` (found by its discovery file), checked with mosquitto_sub and the inbox.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { frameText } from '../../helpers/ws.ts';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HERALD_BIN, herald, useCliProcesses } from '../../helpers/cli.ts';
import { eventually, tempDir } from '../../helpers/core.ts';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto.ts';
import { mosquittoSub } from '../../helpers/mosquitto-sub.ts';
import { freePort } from '../../helpers/ports.ts';

const { running, dirs } = useCliProcesses();

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

/** Like herald() but asynchronous, so the test process can go on reading mosquitto_sub meanwhile. */
function heraldAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [HERALD_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr })));
}

async function serve(dir: string): Promise<void> {
  const child = spawn(process.execPath, [HERALD_BIN, 'serve', '--data-dir', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  await eventually('serve printed its URL', () => stdout.includes('Herald is running at'), 20_000);
}

// Each test runs several herald processes; on a busy machine each takes seconds to start.
describe('herald publish without a running Herald', { timeout: 90_000 }, () => {
  test('a URL: sent with the given topic, QoS and retain flag; exit code 0', async () => {
    const sub = await mosquittoSub(broker.port, 'cli/#');
    const done = await heraldAsync([
      'publish',
      '--data-dir',
      dataDir(),
      '--source',
      broker.url,
      '--topic',
      'cli/door',
      '--message',
      'Front door open',
      '--qos',
      '2',
      '--retain',
    ]);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout.trim()).toBe(`sent to 127.0.0.1:${broker.port} cli/door`);
    const [got] = await sub.waitFor(1);
    expect(got).toMatchObject({ topic: 'cli/door', payload: 'Front door open', qos: 2 });
    const late = await mosquittoSub(broker.port, 'cli/door');
    expect((await late.waitFor(1))[0]).toMatchObject({ payload: 'Front door open', retain: true });
    await heraldAsync(['publish', '--source', broker.url, '--topic', 'cli/door', '--message', '', '--retain']);
  });

  test('a WebSocket URL (kind=websocket): the message is one text frame to that server', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const frames: string[] = [];
    wss.on('connection', (ws) => ws.on('message', (data) => frames.push(frameText(data))));
    try {
      const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/push?kind=websocket`;
      const done = await heraldAsync([
        'publish',
        '--data-dir',
        dataDir(),
        '--source',
        url,
        '--message',
        '{"ring":true}',
      ]);
      expect(done.status).toBe(0);
      expect(frames).toEqual(['{"ring":true}']);
    } finally {
      for (const client of wss.clients) client.terminate();
      await new Promise((r) => wss.close(r));
    }
  });

  test("a saved source's id is looked up in the data dir's settings", async () => {
    const dir = dataDir();
    const source = { id: 'office', kind: 'mqtt', name: 'Office', url: broker.url, topics: [{ filter: 'x', qos: 0 }] };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ initialized: true, sources: [source] }));
    const sub = await mosquittoSub(broker.port, 'saved/#');
    const done = await heraldAsync([
      'publish',
      '--data-dir',
      dir,
      '--source',
      'office',
      '--topic',
      'saved/t',
      '--message',
      'hi',
    ]);
    expect(done.status).toBe(0);
    expect(done.stdout.trim()).toBe('sent to Office saved/t');
    expect((await sub.waitFor(1))[0]).toMatchObject({ topic: 'saved/t', payload: 'hi', qos: 0 });
  });

  test('a failure is one clear line and exit code 1; a wrong command line exit code 2', async () => {
    const closed = await freePort();
    const failed = herald([
      'publish',
      '--data-dir',
      dataDir(),
      '--source',
      `mqtt://127.0.0.1:${closed}`,
      '--topic',
      't',
      '--message',
      'm',
    ]);
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim()).toBe(
      `herald: not published to 127.0.0.1:${closed}: connection refused by 127.0.0.1:${closed} (is a broker running there?)`,
    );
    const unknown = herald(['publish', '--data-dir', dataDir(), '--source', 'nope', '--topic', 't', '--message', 'm']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no settings at .*config\.json: give the source as a URL/);
    const cases: [string[], RegExp][] = [
      [['publish', '--topic', 't', '--message', 'm'], /publish needs --source/],
      [['publish', '--source', broker.url, '--topic', 't'], /publish needs --message/],
      [['publish', '--source', broker.url, '--topic', 'a/#', '--message', 'm'], /wildcard/],
      [['publish', '--source', broker.url, '--topic', 't', '--message', 'm', '--qos', '3'], /--qos must be 0, 1 or 2/],
      [['publish', '--source', broker.url, '--bogus', 'x'], /unknown option --bogus for publish/],
    ];
    for (const [args, message] of cases) {
      const result = herald(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});

// Each test runs several herald processes; on a busy machine each takes seconds to start.
describe('herald publish with a running Herald', { timeout: 90_000 }, () => {
  test('goes through its bridge (found by the discovery file) and lands in its inbox', async () => {
    const dir = dataDir();
    // The embedded broker's port in the settings, so that publishing without Herald dials a port known closed.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ broker: { port: await freePort() } }));
    await serve(dir);
    const discovery = join(dir, 'bridge.json');
    expect(statSync(discovery).mode & 0o777).toBe(0o600);

    const done = await heraldAsync([
      'publish',
      '--data-dir',
      dir,
      '--source',
      'local',
      '--topic',
      'herald/demo',
      '--message',
      'Hello',
    ]);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout.trim()).toBe('sent through Herald to local');
    const exported = await eventually('in the inbox', () => {
      const out = herald(['export', '--data-dir', dir]).stdout.trim();
      return out ? out.split('\n').map((line) => JSON.parse(line) as { topic: string; body: string }) : null;
    });
    expect(exported).toEqual([expect.objectContaining({ topic: 'herald/demo', body: 'Hello' })]);

    const refused = herald(['publish', '--data-dir', dir, '--source', 'local', '--topic', '', '--message', 'x']);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe('herald: not published: cannot publish: the topic is empty');

    // Stopping removes the discovery file; the next publish connects by itself (and finds no broker).
    const serveProcess = running.find((child) => child.spawnargs.includes('serve'))!;
    const exited = new Promise((r) => serveProcess.once('exit', r));
    serveProcess.kill('SIGTERM');
    await exited;
    expect(existsSync(discovery)).toBe(false);
    const alone = herald([
      'publish',
      '--data-dir',
      dir,
      '--source',
      'local',
      '--topic',
      'herald/demo',
      '--message',
      'x',
    ]);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toMatch(/embedded broker, which runs only while Herald does/);
  });
});
