// The embedded broker inside a real Herald core, configured through the settings file: opened to the LAN with
// a mosquitto_passwd file, Herald's own default source still receives (as the internal user); without
// authentication it refuses to start and says why.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { freePort } from '../../../helpers/ports.ts';
import { run } from './broker-helpers.ts';

const running: TestCore[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  for (const core of running.splice(0)) await core.stop();
  dirs.splice(0).forEach((d) => d.remove());
});

async function coreWithBroker(broker: Record<string, unknown>): Promise<TestCore> {
  const dir = tempDir();
  dirs.push(dir);
  writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ version: 1, broker }));
  const core = await startTestCore({ dataDir: dir.path, brokerPort: await freePort() });
  running.push(core);
  return core;
}

describe('the embedded broker in Herald', () => {
  test('on 0.0.0.0 with a password file and no anonymous access, the default source still gets messages', async () => {
    const files = tempDir('herald-broker-files-');
    dirs.push(files);
    const passwordFile = join(files.path, 'passwd');
    execFileSync('mosquitto_passwd', ['-c', '-b', passwordFile, 'sensor', 'sensor-pw']);
    const t = await coreWithBroker({ host: '0.0.0.0', passwordFile, anonymous: false });
    const { broker } = t.core.getState();
    expect(broker).toMatchObject({ running: true, host: '0.0.0.0', lan: true, auth: true });
    await eventually('the default source connected', () => t.core.getState().sources[0]?.status.state === 'connected');

    const port = String(broker.port);
    const pub = await run('mosquitto_pub', [
      '-p',
      port,
      '-u',
      'sensor',
      '-P',
      'sensor-pw',
      '-q',
      '1',
      '-t',
      'herald/door',
      '-m',
      'open',
    ]);
    expect(pub.code).toBe(0);
    await eventually('stored', () => t.core.getState().total === 1);

    const anonymous = await run('mosquitto_pub', ['-p', port, '-t', 'herald/door', '-m', 'sneaky']);
    expect(anonymous.stderr).toMatch(/not authori[sz]ed/i);
    expect(t.core.getState().broker.refused?.at(-1)).toMatchObject({ reason: 'anonymous access is off' });
  });

  test('on 0.0.0.0 without authentication it refuses to start, and the UI is told why', async () => {
    const t = await coreWithBroker({ host: '0.0.0.0' });
    const { broker, sources } = t.core.getState();
    expect(broker.running).toBe(false);
    expect(broker.refusal).toMatch(/listen on 0\.0\.0\.0 \(the network\) only with authentication/);
    expect(broker.error).toContain(broker.refusal);
    expect(sources[0]?.status).toMatchObject({ state: 'error', error: expect.stringContaining('authentication') });
  });

  test('with tlsSelfSigned, Herald makes a certificate once, shows its fingerprint, and clients trust it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ version: 1, broker: { tlsSelfSigned: true } }));
    const first = await startTestCore({ dataDir: dir.path, brokerPort: await freePort() });
    running.push(first);
    const { broker } = first.core.getState();
    expect(broker).toMatchObject({ running: true, tls: true });
    const cert = join(dir.path, 'broker-tls', 'cert.pem');
    const openssl = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256']).toString();
    expect(openssl.trim()).toMatch(new RegExp(`Fingerprint=${broker.tlsFingerprint}$`));
    // Herald's own source reaches it (over its loopback listener), and so does mosquitto_pub with the certificate.
    await eventually(
      'the default source connected',
      () => first.core.getState().sources[0]?.status.state === 'connected',
    );
    const pub = await run('mosquitto_pub', [
      '-p',
      String(broker.port),
      '--cafile',
      cert,
      '-q',
      '1',
      '-t',
      'herald/tls',
      '-m',
      'x',
    ]);
    expect(pub.stderr).toBe('');
    await eventually('stored', () => first.core.getState().total === 1);

    running.splice(running.indexOf(first), 1);
    await first.stop();
    const second = await startTestCore({ dataDir: dir.path, brokerPort: await freePort() });
    running.push(second);
    expect(second.core.getState().broker.tlsFingerprint).toBe(broker.tlsFingerprint);
  });

  test('a retained message and a persistent session survive a restart of Herald (kept in the data dir)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const brokerPort = await freePort();
    const first = await startTestCore({ dataDir: dir.path, brokerPort });
    running.push(first);
    const p = ['-p', String(brokerPort)];
    const session = [...p, '-c', '-i', 'tablet', '-q', '1', '-t', 'house/#', '-v'];
    await run('mosquitto_sub', [...session, '-W', '1']);
    await run('mosquitto_pub', [...p, '-r', '-q', '1', '-t', 'house/mode', '-m', 'away']);
    running.splice(running.indexOf(first), 1);
    await first.stop();
    expect(existsSync(join(dir.path, 'broker-state.json'))).toBe(true);

    running.push(await startTestCore({ dataDir: dir.path, brokerPort }));
    const back = await run('mosquitto_sub', [...session, '-C', '1', '-W', '3']);
    expect(back.stdout).toBe('house/mode away\n');
    const retained = await run('mosquitto_sub', [...p, '-t', 'house/mode', '-C', '1', '-W', '3']);
    expect(retained.stdout).toBe('away\n');
  });
});
