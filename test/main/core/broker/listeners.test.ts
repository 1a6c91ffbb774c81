// The broker's listeners with real clients: WebSocket beside TCP, TLS with the user's certificate and key
// (mosquitto_pub --cafile, mqtt.js mqtts and wss), and TCP_NODELAY measured as a QoS 1 round trip.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../../../helpers/ports.ts';
import { makeTestCerts, SERVER_NAME, type TestCerts } from '../../../reliability/helpers/certs.ts';
import { connected, mqttClient, nextMessage, run, startBroker } from './broker-helpers.ts';

let certs: TestCerts;
beforeAll(() => {
  certs = makeTestCerts();
});
afterAll(() => certs.remove());

describe('WebSocket', () => {
  test('mqtt.js over ws:// on the configured port and default path /mqtt, alongside TCP', async () => {
    const broker = await startBroker({ wsPort: await freePort() });
    expect(broker.wsPath).toBe('/mqtt');
    const ws = await connected(`ws://127.0.0.1:${broker.wsPort}/mqtt`);
    await ws.subscribeAsync('both/ways', { qos: 1 });
    const received = nextMessage(ws);
    const tcp = await run('mosquitto_pub', ['-p', String(broker.port), '-q', '1', '-t', 'both/ways', '-m', 'tcp→ws']);
    expect(tcp.code).toBe(0);
    expect(await received).toEqual({ topic: 'both/ways', payload: 'tcp→ws' });
  });

  test('a configured path is served and any other path is not', async () => {
    const broker = await startBroker({ wsPort: await freePort(), wsPath: '/broker' });
    expect(await mqttClient(`ws://127.0.0.1:${broker.wsPort}/broker`)).not.toBeInstanceOf(Error);
    expect(await mqttClient(`ws://127.0.0.1:${broker.wsPort}/mqtt`, { connectTimeout: 1500 })).toBeInstanceOf(Error);
  });
});

describe('TLS with the user certificate and key', () => {
  test('mosquitto_pub --cafile and mqtt.js mqtts reach the TLS listener; plain MQTT there is refused', async () => {
    const broker = await startBroker({ tlsCert: certs.serverCertFile, tlsKey: certs.serverKeyFile });
    expect(broker.tls).toBe(true);
    const expected = execFileSync('openssl', [
      'x509',
      '-in',
      certs.serverCertFile,
      '-noout',
      '-fingerprint',
      '-sha256',
    ]);
    expect(expected.toString().trim()).toMatch(new RegExp(`Fingerprint=${broker.tlsFingerprint}$`));
    const ca = readFileSync(certs.caFile);
    const sub = await connected(`mqtts://127.0.0.1:${broker.port}`, { ca, servername: SERVER_NAME });
    await sub.subscribeAsync('secure/#', { qos: 1 });
    const received = nextMessage(sub);
    const pub = await run('mosquitto_pub', [
      ...['-p', String(broker.port), '--cafile', certs.caFile, '--insecure'],
      ...['-q', '1', '-t', 'secure/hello', '-m', 'over TLS'],
    ]);
    expect(pub.stderr).toBe('');
    expect(await received).toEqual({ topic: 'secure/hello', payload: 'over TLS' });

    const plain = await run('mosquitto_pub', ['-p', String(broker.port), '-t', 'x', '-m', 'x']);
    expect(plain.code).not.toBe(0);
    expect(broker.refused().at(-1)?.reason).toMatch(/^TLS: /);
    // A client that does not trust the certificate never gets in.
    expect(await mqttClient(`mqtts://127.0.0.1:${broker.port}`, { servername: SERVER_NAME })).toBeInstanceOf(Error);
  });

  test('the WebSocket listener speaks wss with the same certificate', async () => {
    const broker = await startBroker({
      wsPort: await freePort(),
      tlsCert: certs.serverCertFile,
      tlsKey: certs.serverKeyFile,
    });
    // mqtt.js passes ca to its WebSocket but not the server name.
    const options = { ca: readFileSync(certs.caFile), wsOptions: { servername: SERVER_NAME } } as IClientOptions;
    const client = await mqttClient(`wss://127.0.0.1:${broker.wsPort}/mqtt`, options);
    expect(client).not.toBeInstanceOf(Error);
  });

  test('a certificate without its key is refused with the reason', async () => {
    await expect(startBroker({ tlsCert: certs.serverCertFile })).rejects.toThrow(
      /both a certificate .* and a private key/,
    );
    const otherKey = join(certs.dir, 'client.key'); // a key, but not the certificate's
    await expect(startBroker({ tlsCert: certs.serverCertFile, tlsKey: otherKey })).rejects.toThrow(
      /the TLS certificate and key cannot be used: .*key values mismatch/,
    );
    await expect(startBroker({ tlsCert: '/nonexistent.pem', tlsKey: certs.serverKeyFile })).rejects.toThrow(
      /cannot read \/nonexistent.pem/,
    );
  });
});

describe('TCP_NODELAY', () => {
  test('a QoS 1 publish-and-receive round trip takes well under the 40 ms a delayed ACK would add', async () => {
    const broker = await startBroker();
    const client = await connected(`mqtt://127.0.0.1:${broker.port}`);
    // The client's side too (as Herald's sources do), so what is measured is the broker's socket.
    (client.stream as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
    await client.subscribeAsync('ping', { qos: 1 });
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const received = nextMessage(client);
      await client.publishAsync('ping', String(i), { qos: 1 });
      await received;
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const median = samples[samples.length >> 1]!;
    expect(median).toBeLessThan(20);
  });
});
