// "Test connection" against real servers: a stopped port, a real Mosquitto with a password file, a TLS
// listener whose certificate comes from another CA or is for another name, ntfy's 401/403, and success.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testConnection } from '../../../../src/main/core/connection-test/connection-test.ts';
import type { ConnectionTestResult } from '../../../../src/shared/connection-test.ts';
import { SourceSettings, type SecretValues } from '../../../../src/shared/sources.ts';
import { startMosquittoWithUsers, startTlsMosquitto, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { NtfyTestServer } from '../../../helpers/ntfy-server.ts';
import { freePort } from '../../../helpers/ports.ts';
import { SERVER_NAME, type TestCerts } from '../../../reliability/helpers/certs.ts';

const TIMEOUT = { timeoutMs: 3_000 };

function mqttTarget(url: string, fields: Record<string, unknown> = {}, secrets: SecretValues = {}) {
  const settings = SourceSettings.parse({
    kind: 'mqtt',
    name: 'test',
    url,
    topics: [{ filter: 'alerts/#', qos: 1 }],
    ...fields,
  });
  return { settings, secrets };
}

/** "dns passed, tcp failed" */
function outline(result: ConnectionTestResult): string {
  return result.steps.map((step) => `${step.step} ${step.status}`).join(', ');
}

function failed(result: ConnectionTestResult) {
  const step = result.steps.find((s) => s.status === 'failed');
  if (!step) throw new Error(`no step failed: ${outline(result)}`);
  return step;
}

describe('test connection: MQTT', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquittoWithUsers({ alice: 'right-password' });
  });
  afterAll(() => broker?.stop());

  test('a port where nothing listens: TCP connect fails, and says so', async () => {
    const port = await freePort();
    const result = await testConnection(mqttTarget(`mqtt://127.0.0.1:${port}`), TIMEOUT);
    expect(result.ok).toBe(false);
    expect(outline(result)).toBe('dns passed, tcp failed');
    expect(failed(result).detail).toMatch(/connection refused by 127\.0\.0\.1:\d+: nothing listens/);
    expect(result.steps.every((step) => Number.isInteger(step.ms) && step.ms >= 0)).toBe(true);
  });

  test('a name that does not exist: the DNS step fails', async () => {
    const result = await testConnection(mqttTarget('mqtt://no-such-host.invalid:1883'), TIMEOUT);
    expect(outline(result)).toBe('dns failed');
    expect(failed(result).detail).toMatch(/no-such-host\.invalid/);
  });

  test('wrong credentials: authentication fails with the CONNACK reason', async () => {
    const result = await testConnection(
      mqttTarget(broker.url, { username: 'alice' }, { password: 'wrong-password' }),
      TIMEOUT,
    );
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth failed');
    expect(failed(result).detail).toMatch(/not authorised|user name or password/);
  });

  test('right credentials and an allowed topic: every step passes', async () => {
    const result = await testConnection(
      mqttTarget(broker.url, { username: 'alice' }, { password: 'right-password' }),
      TIMEOUT,
    );
    expect(result.ok).toBe(true);
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe passed');
    expect(result.steps.find((s) => s.step === 'auth')?.detail).toContain('alice');
  });
});

// Mosquitto 2.0's ACL file filters deliveries but grants every SUBSCRIBE, so the refusal comes from aedes,
// which answers SUBACK 0x80 for a subscription its authorizeSubscribe turns down.
describe('test connection: a refused subscription', () => {
  let server: Server;
  let broker: Aedes;
  let port: number;
  beforeAll(async () => {
    broker = await Aedes.createBroker({
      authorizeSubscribe: (_client, sub, done) => done(null, sub.topic.startsWith('secret/') ? null : sub),
    });
    server = createServer((socket) => broker.handle(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await new Promise<void>((resolve) => (broker ? broker.close(() => resolve()) : resolve()));
  });

  test('SUBACK refuses a topic: the subscription step fails and names it', async () => {
    const result = await testConnection(
      mqttTarget(`mqtt://127.0.0.1:${port}`, {
        topics: [
          { filter: 'alerts/#', qos: 1 },
          { filter: 'secret/#', qos: 1 },
        ],
      }),
      TIMEOUT,
    );
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe failed');
    expect(failed(result).detail).toBe('the broker refused the subscription to secret/#');
  });
});

describe('test connection: TLS', () => {
  let certs: TestCerts;
  let url: string;
  let stopBroker: () => Promise<void>;
  beforeAll(async () => {
    ({ certs, url, stop: stopBroker } = await startTlsMosquitto());
  });
  afterAll(() => stopBroker?.());

  test('a certificate from a CA not trusted: "unknown CA"', async () => {
    const result = await testConnection(
      mqttTarget(url, { tls: { ca: certs.otherCa, servername: SERVER_NAME } }),
      TIMEOUT,
    );
    expect(outline(result)).toBe('dns passed, tcp passed, tls failed');
    expect(failed(result).detail).toMatch(/^unknown CA: .*Herald test ca/);
  });

  test('"allow untrusted": the TLS step passes and still says what is wrong with the certificate', async () => {
    const result = await testConnection(
      mqttTarget(url, { tls: { ca: certs.otherCa, servername: SERVER_NAME, allowUntrusted: true } }),
      TIMEOUT,
    );
    expect(outline(result)).toBe('dns passed, tcp passed, tls passed, auth passed, subscribe passed');
    expect(result.steps[2]!.detail).toMatch(/not trusted \(unknown CA: .*\), accepted as set/);
  });

  test('the right CA but the certificate is for another name: "hostname mismatch"', async () => {
    const result = await testConnection(mqttTarget(url, { tls: { ca: certs.caFile } }), TIMEOUT);
    expect(outline(result)).toBe('dns passed, tcp passed, tls failed');
    expect(failed(result).detail).toMatch(
      /^hostname mismatch: the certificate is for herald-broker\.test, not 127\.0\.0\.1/,
    );
  });

  test('an unreadable CA file fails the TLS step before anything is dialled', async () => {
    const result = await testConnection(mqttTarget(url, { tls: { ca: '/no/such/ca.pem' } }), TIMEOUT);
    expect(outline(result)).toBe('tls failed');
    expect(failed(result).detail).toContain('/no/such/ca.pem');
  });

  test('the right CA and server name: TLS passes with the certificate described, then the broker', async () => {
    const result = await testConnection(
      mqttTarget(url, { tls: { ca: certs.caFile, servername: SERVER_NAME } }),
      TIMEOUT,
    );
    expect(outline(result)).toBe('dns passed, tcp passed, tls passed, auth passed, subscribe passed');
    expect(result.steps[2]!.detail).toMatch(/TLSv1\.[23], certificate for herald-broker\.test/);
  });
});

describe('test connection: ntfy', () => {
  let server: NtfyTestServer;
  beforeAll(async () => {
    server = await NtfyTestServer.start({ users: { bob: 'secret' }, forbiddenTopics: ['private'] });
  });
  afterAll(async () => server?.stop());

  const ntfy = (topics: string[], secrets: SecretValues, username?: string) => ({
    settings: SourceSettings.parse({ kind: 'ntfy', name: 'n', url: server.url, topics, username }),
    secrets,
  });

  test('a wrong password: authentication fails with HTTP 401', async () => {
    const result = await testConnection(ntfy(['alerts'], { password: 'nope' }, 'bob'), TIMEOUT);
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth failed');
    expect(failed(result).detail).toMatch(/refused the credentials.*HTTP 401/);
  });

  test('a forbidden topic: the subscription step fails with HTTP 403', async () => {
    const result = await testConnection(ntfy(['private'], { password: 'secret' }, 'bob'), TIMEOUT);
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe failed');
    expect(failed(result).detail).toMatch(/not allowed to read private: HTTP 403/);
  });

  test('the right password: every step passes', async () => {
    const result = await testConnection(ntfy(['alerts'], { password: 'secret' }, 'bob'), TIMEOUT);
    expect(result.ok).toBe(true);
  });
});
