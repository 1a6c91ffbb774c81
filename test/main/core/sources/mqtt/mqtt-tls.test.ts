// MQTT over TLS against a real Mosquitto with certificates made for this run: the right CA connects, a wrong
// one is explained and retried, "allow untrusted" connects anyway, the server name can be set, and a client
// certificate authenticates with its key from the secret store.
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { startMosquitto, startTlsMosquitto, type Mosquitto } from '../../../../helpers/mosquitto.ts';
import { SERVER_NAME, type TestCerts } from '../../../../reliability/helpers/certs.ts';
import { mqttConfig, startSource, type HarnessOptions } from '../../../../reliability/helpers/source-harness.ts';

let certs: TestCerts;
let broker: Mosquitto;
let url: string;
let stopBroker: () => Promise<void>;
beforeAll(async () => {
  ({ broker, certs, url, stop: stopBroker } = await startTlsMosquitto());
});
afterAll(() => stopBroker?.());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function source(fields: Parameters<typeof mqttConfig>[0], options: Omit<HarnessOptions, 'dataDir'> = {}) {
  const dir = tempDir();
  const h = startSource(mqttConfig(fields), { dataDir: dir.path, ...options });
  cleanups.push(dir.remove, h.stop);
  return h;
}

async function publishOverTls(port: number, topic: string, payload: string) {
  const client = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
    reconnectPeriod: 0,
    ca: readFileSync(certs.caFile, 'utf8'),
    servername: SERVER_NAME,
    cert: certs.clientCert,
    key: certs.clientKey,
  } as mqtt.IClientOptions);
  await client.publishAsync(topic, payload, { qos: 1 });
  await client.endAsync();
}

describe('TLS', () => {
  test('the right CA (given as a file path) and the server name: connected, messages arrive', async () => {
    const h = source({ url, tls: { ca: certs.caFile, servername: SERVER_NAME, allowUntrusted: false } });
    await eventually('connected', () => h.source.status.state === 'connected');
    await publishOverTls(broker.port, 't/tls', 'over TLS');
    await eventually('stored', () => h.rows().length === 1);
  });

  test('a wrong CA: "signed by an unknown authority", and it keeps retrying', async () => {
    const h = source({ url, tls: { ca: certs.otherCa, servername: SERVER_NAME, allowUntrusted: false } });
    await eventually('reconnecting', () => h.source.status.state === 'reconnecting');
    expect(h.source.status.error).toBe('TLS: certificate signed by an unknown authority (check the CA)');
    await eventually('retried', () => h.statuses.filter((s) => s.state === 'reconnecting' && s.retryAt).length >= 2);
    expect(h.statuses.some((s) => s.state === 'connected')).toBe(false);
  });

  test('no CA at all: the system store does not know a private CA either', async () => {
    const h = source({ url, tls: { servername: SERVER_NAME, allowUntrusted: false } });
    await eventually('reconnecting', () => h.source.status.state === 'reconnecting');
    expect(h.source.status.error).toBe('TLS: certificate signed by an unknown authority (check the CA)');
  });

  test('a certificate for another name: says so and suggests the server name', async () => {
    const h = source({ url, tls: { ca: certs.caFile, allowUntrusted: false } });
    await eventually('reconnecting', () => h.source.status.state === 'reconnecting');
    expect(h.source.status.error).toBe(
      "TLS: the broker's certificate is not for 127.0.0.1 (check the URL, or set the TLS server name)",
    );
  });

  test('allow untrusted: connects without a CA or a matching name', async () => {
    const h = source({ url, tls: { allowUntrusted: true } });
    await eventually('connected', () => h.source.status.state === 'connected');
  });

  test('a CA path that does not exist: an error that waits for an edit, no retries', async () => {
    const h = source({ url, tls: { ca: '/nonexistent/ca.pem', allowUntrusted: false } });
    await eventually('error', () => h.source.status.state === 'error');
    expect(h.source.status.error).toBe(
      'TLS: the CA certificate is neither PEM text nor a readable file (/nonexistent/ca.pem: no such file)',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(h.statuses.filter((s) => s.state === 'reconnecting')).toEqual([]);
  });
});

describe('TLS client certificates', () => {
  let strict: Mosquitto;
  beforeAll(async () => {
    strict = await startMosquitto({
      extraConfig: [
        `cafile ${certs.caFile}`,
        `certfile ${certs.serverCertFile}`,
        `keyfile ${certs.serverKeyFile}`,
        'require_certificate true',
      ],
    });
  });
  afterAll(() => strict?.stop());

  test('certificate in the settings, private key from the secret store: accepted', async () => {
    const h = source(
      {
        url: `mqtts://127.0.0.1:${strict.port}`,
        tls: { ca: certs.caFile, cert: certs.clientCert, servername: SERVER_NAME, allowUntrusted: false },
      },
      { secrets: { tlsKey: certs.clientKey } },
    );
    await eventually('connected', () => h.source.status.state === 'connected');
    await publishOverTls(strict.port, 't/cert', 'with a client certificate');
    await eventually('stored', () => h.rows().length === 1);
  });

  test('without a client certificate the broker ends the handshake; shown and retried', async () => {
    const h = source({
      url: `mqtts://127.0.0.1:${strict.port}`,
      tls: { ca: certs.caFile, servername: SERVER_NAME, allowUntrusted: false },
    });
    await eventually('reconnecting', () => h.source.status.state === 'reconnecting');
    expect(h.source.status.error).toBe(
      'TLS: the broker requires a client certificate (set the certificate and its private key)',
    );
  });

  test('a certificate without its key is a settings error', async () => {
    const h = source({
      url: `mqtts://127.0.0.1:${strict.port}`,
      tls: { ca: certs.caFile, cert: certs.clientCert, allowUntrusted: false },
    });
    await eventually('error', () => h.source.status.state === 'error');
    expect(h.source.status.error).toBe('TLS: a client certificate is set but no private key');
  });
});
