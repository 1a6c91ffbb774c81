// `herald serve`'s broker flags as an admin uses them: real processes, mosquitto_passwd files, real clients.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'mqtt';
import { describe, expect, test } from 'vitest';
import { HERALD_BIN, herald, useCliProcesses } from '../../helpers/cli.ts';
import { eventually, tempDir } from '../../helpers/core.ts';
import { freePort } from '../../helpers/ports.ts';

const { running, dirs } = useCliProcesses();

function serve(args: string[], cwd?: string): Promise<{ stderr: () => string }> {
  const child = spawn(process.execPath, [HERALD_BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
  running.push(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 15 s; stderr: ${stderr}`)), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('Herald is running at')) return;
      clearTimeout(timer);
      resolve({ stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

// Each test starts Herald processes; on a busy two-core machine one takes several seconds.
describe('herald serve broker flags', { timeout: 90_000 }, () => {
  test('serve --help lists every broker flag', () => {
    const help = herald(['serve', '--help']).stdout;
    for (const flag of [
      '--broker-port N|off',
      '--broker-host ADDR',
      '--broker-ws-port N',
      '--broker-password-file F',
      '--broker-acl-file F',
      '--broker-tls-cert F',
      '--broker-tls-key F',
    ]) {
      expect(help).toContain(flag.split(' ')[0]);
    }
  });

  test('--broker-host 0.0.0.0 without authentication: refused, with the reason and exit code 2', () => {
    const data = tempDir();
    dirs.push(data);
    const result = herald(['serve', '--data-dir', data.path, '--port', '0', '--broker-host', '0.0.0.0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the embedded broker refused to start: .*only with authentication/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('a broker host that is not an IP address is a usage error', () => {
    const result = herald(['serve', '--broker-host', 'my-laptop']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--broker-host must be an IP address/);
  });

  test('on 0.0.0.0 with a password file and an ACL file, a user publishes over WebSocket and Herald stores it', async () => {
    const data = tempDir();
    dirs.push(data);
    const passwordFile = join(data.path, 'passwd');
    execFileSync('mosquitto_passwd', ['-c', '-b', passwordFile, 'sensor', 'sensor-pw']);
    const aclFile = join(data.path, 'acl');
    writeFileSync(aclFile, 'user sensor\ntopic write herald/sensors/#\n');
    const [brokerPort, wsPort] = [await freePort(), await freePort()];
    // A relative path is taken from where herald is run.
    const { stderr } = await serve(
      [
        ...['--data-dir', data.path, '--port', '0', '--broker-port', String(brokerPort)],
        ...['--broker-host', '0.0.0.0', '--broker-ws-port', String(wsPort)],
        ...['--broker-password-file', 'passwd', '--broker-acl-file', aclFile],
      ],
      data.path,
    );
    await eventually('the listeners printed', () =>
      stderr().includes(`embedded MQTT broker on mqtt://0.0.0.0:${brokerPort} and ws://0.0.0.0:${wsPort}/mqtt`),
    );
    const client = connect(`ws://127.0.0.1:${wsPort}/mqtt`, {
      username: 'sensor',
      password: 'sensor-pw',
      reconnectPeriod: 0,
    });
    try {
      await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject));
      await client.publishAsync('herald/sensors/door', 'open', { qos: 1 });
    } finally {
      client.end(true);
    }
    const line = await eventually('exported', () => herald(['export', '--data-dir', data.path]).stdout.trim(), 40_000);
    expect(JSON.parse(line)).toMatchObject({ topic: 'herald/sensors/door', body: 'open' });
  });
});
