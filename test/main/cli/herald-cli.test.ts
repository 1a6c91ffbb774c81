// The `herald` command as scripts and admins use it: real processes, real broker, real files.
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { mosquittoPub } from '../../helpers/mosquitto.ts';
import { freePort } from '../../helpers/ports.ts';
import { HERALD_BIN, herald, useCliProcesses } from '../../helpers/cli.ts';
import { eventually, tempDir } from '../../helpers/core.ts';

const { running, dirs } = useCliProcesses();

function serve(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [HERALD_BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 15 s; stderr: ${stderr}`)), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = stdout.match(/https?:\/\/\S+/)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

describe('herald serve', () => {
  test('prints one line with the URL and its token, and the UI answers only with the token', async () => {
    const data = tempDir();
    dirs.push(data);
    const { url } = await serve(['--data-dir', data.path, '--port', '0', '--broker-port', String(await freePort())]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
  });

  test('--source and --topic add a subscription for this run only', async () => {
    const data = tempDir();
    dirs.push(data);
    const brokerPort = await freePort();
    // The second Herald subscribes to the first one's embedded broker via --source.
    await serve(['--data-dir', data.path, '--port', '0', '--broker-port', String(brokerPort)]);
    const other = tempDir();
    dirs.push(other);
    await serve([
      '--data-dir',
      other.path,
      '--port',
      '0',
      '--broker-port',
      'off',
      '--source',
      `mqtt://127.0.0.1:${brokerPort}`,
      '--topic',
      'plant/+/alarm',
      '--qos',
      '1',
    ]);
    await new Promise((r) => setTimeout(r, 500));
    await mosquittoPub(brokerPort, 'plant/7/alarm', ['pressure high'], 1);
    await mosquittoPub(brokerPort, 'plant/7/status', ['ignored'], 1);
    const lines = await eventually('exported', () => {
      const out = herald(['export', '--data-dir', other.path]).stdout.trim();
      return out ? out.split('\n') : null;
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      topic: 'plant/7/alarm',
      body: 'pressure high',
      source: `127.0.0.1:${brokerPort}`,
    });
  });

  test('bad arguments end in one clear line and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [
        ['serve', '--source', 'http://example.com', '--topic', 'a'],
        /http URLs need kind=sse, http, ntfy, gotify or webhook/,
      ],
      [['serve', '--source', 'ftp://example.com?kind=sse'], /unsupported scheme "ftp"; use http or https/],
      [['serve', '--source', 'mqtt://127.0.0.1:1'], /needs at least one --topic/],
      [['serve', '--topic', 'a'], /--topic must follow a --source/],
      [['serve', '--broker-port', 'seven'], /--broker-port must be a port number/],
      [['serve', '--source', 'mqtt://127.0.0.1:1', '--topic', 'a/#/b'], /not a valid MQTT topic filter/],
      [['launch'], /unknown command "launch"/],
    ];
    for (const [args, message] of cases) {
      const result = herald(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('herald export', () => {
  test('writes the inbox as JSON Lines while Herald is running on the same data dir', async () => {
    const data = tempDir();
    dirs.push(data);
    const brokerPort = await freePort();
    await serve(['--data-dir', data.path, '--port', '0', '--broker-port', String(brokerPort)]);
    await new Promise((r) => setTimeout(r, 300));
    await mosquittoPub(brokerPort, 'herald/demo', ['Hello', '{"title":"Door","message":"open","priority":5}'], 1);
    const lines = await eventually('two lines', () => {
      const out = herald(['export', '--data-dir', data.path]).stdout.trim().split('\n').filter(Boolean);
      return out.length === 2 ? out : null;
    });
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toMatchObject({
      source: 'Local broker',
      topic: 'herald/demo',
      title: 'herald/demo',
      body: 'Hello',
      priority: 3,
      read: false,
    });
    expect(new Date(first.receivedAt).toISOString()).toBe(first.receivedAt);
    expect(first.id).toBeTypeOf('number');
    expect(second).toMatchObject({ title: 'Door', priority: 5 });
  });

  test('a data dir without an inbox is a clear error', () => {
    const data = tempDir();
    dirs.push(data);
    const result = herald(['export', '--data-dir', data.path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no inbox at/);
  });
});
