// The command line as admins script it: --version and --help on every command, HERALD_* variables with the
// flags winning over them, the exit codes, and `herald test-source` against real listeners.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HERALD_BIN, herald, useCliProcesses } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/core.ts';
import { startMosquittoWithUsers, type Mosquitto } from '../../helpers/mosquitto.ts';
import { freePort } from '../../helpers/ports.ts';

const { running, dirs } = useCliProcesses();

function heraldWith(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [HERALD_BIN, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ...env },
  });
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('--version and --help', () => {
  test('--version on every command prints the package version and exits 0', () => {
    for (const args of [['--version'], ['serve', '--version'], ['export', '-V'], ['test-source', '--version']]) {
      const result = herald(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout.trim()).toBe(`herald ${VERSION}`);
    }
  });

  test('COMMAND --help prints that command only, with the environment and exit codes', () => {
    const serve = herald(['serve', '--help']);
    expect(serve.status).toBe(0);
    expect(serve.stdout).toContain('herald serve [--data-dir DIR]');
    expect(serve.stdout).not.toContain('herald search QUERY');
    expect(serve.stdout).toContain('HERALD_DATA_DIR');
    expect(serve.stdout).toMatch(/Exit codes: 0 .*, 1 .*, 2 /);
    const testSource = herald(['test-source', '--help']);
    expect(testSource.stdout).toContain('herald test-source URL');
    expect(testSource.stdout).not.toContain('herald serve');
    expect(herald(['help']).stdout).toContain('herald test-source URL');
  });
});

describe('HERALD_* environment variables', () => {
  test('HERALD_DATA_DIR is the data dir, and --data-dir wins over it', () => {
    const fromEnv = tempDir();
    const fromFlag = tempDir();
    dirs.push(fromEnv, fromFlag);
    const viaEnv = heraldWith(['export'], { HERALD_DATA_DIR: fromEnv.path });
    expect(viaEnv.status).toBe(1);
    expect(viaEnv.stderr).toContain(`no inbox at ${join(fromEnv.path, 'inbox.sqlite')}`);
    const viaFlag = heraldWith(['export', '--data-dir', fromFlag.path], { HERALD_DATA_DIR: fromEnv.path });
    expect(viaFlag.stderr).toContain(`no inbox at ${join(fromFlag.path, 'inbox.sqlite')}`);
  });

  test('a bad HERALD_PORT or HERALD_BROKER_PORT is a usage error naming the variable (exit 2)', () => {
    const port = heraldWith(['serve'], { HERALD_PORT: 'eighty' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('HERALD_PORT must be a port number');
    const broker = heraldWith(['serve'], { HERALD_BROKER_PORT: '0' });
    expect(broker.status).toBe(2);
    expect(broker.stderr).toContain('HERALD_BROKER_PORT must be a port number');
  });

  test('serve listens where HERALD_HOST and HERALD_PORT say, and --port wins over HERALD_PORT', async () => {
    const data = tempDir();
    dirs.push(data);
    const [envPort, flagPort] = [await freePort(), await freePort()];
    const env = { HERALD_HOST: '127.0.0.1', HERALD_PORT: String(envPort), HERALD_BROKER_PORT: 'off' };
    expect(await serveUrl(['--data-dir', data.path], env)).toContain(`http://127.0.0.1:${envPort}/`);
    const other = tempDir();
    dirs.push(other);
    expect(await serveUrl(['--data-dir', other.path, '--port', String(flagPort)], env)).toContain(
      `http://127.0.0.1:${flagPort}/`,
    );
  });
});

function serveUrl(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [HERALD_BIN, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 15 s: ${stderr}`)), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = stdout.match(/https?:\/\/\S+/)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

describe('herald test-source', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquittoWithUsers({ alice: 'right-password' });
  });
  afterAll(() => broker?.stop());

  test('a stopped port: the TCP line says refused, exit 1', async () => {
    const result = herald(['test-source', `mqtt://127.0.0.1:${await freePort()}`, '--timeout', '3']);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^DNS lookup +passed +\d+ ms/);
    expect(lines[1]).toMatch(/^TCP connect +failed +\d+ ms +connection refused/);
    expect(result.stderr).toContain('failed at TCP connect');
  });

  test('wrong credentials: the authentication line fails, exit 1', () => {
    const result = heraldWith(
      ['test-source', broker.url, '--topic', 'a/#', '--username', 'alice', '--password-env', 'TEST_PW'],
      { TEST_PW: 'wrong' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^Authentication +failed .*not authorised/m);
    expect(result.stdout).not.toContain('wrong');
  });

  test('the right credentials: one line per step, all passed, exit 0', () => {
    const result = heraldWith(
      ['test-source', broker.url, '--topic', 'a/#', '--username', 'alice', '--password-env', 'TEST_PW'],
      { TEST_PW: 'right-password' },
    );
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/ {2,}/).slice(0, 2).join(' '))).toEqual([
      'DNS lookup passed',
      'TCP connect passed',
      'TLS handshake skipped',
      'Authentication passed',
      'Subscription passed',
    ]);
  });

  test('a wrong command line is exit 2', () => {
    expect(herald(['test-source']).status).toBe(2);
    expect(herald(['test-source', 'mqtt://127.0.0.1', '--password-env', 'NO_SUCH_VARIABLE_X']).status).toBe(2);
    expect(herald(['test-source', 'gopher://x']).status).toBe(2);
  });
});
