// What the broker's answer to CONNECT and SUBSCRIBE does to a source: wrong credentials stop the retries (and
// say so) until the user fixes them, other refusals are retried, and a refused subscription is shown naming
// its topic while the other topics keep working.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../../../../src/shared/contract.ts';
import { eventually, startTestCore, tempDir } from '../../../../helpers/core.ts';
import { startAedes, startLoggingMosquitto } from '../../../../reliability/helpers/brokers.ts';
import { mqttConfig, startSource } from '../../../../reliability/helpers/source-harness.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tracked<T extends { remove?: () => void; stop?: () => unknown; close?: () => unknown }>(thing: T): T {
  cleanups.push(() => thing.remove?.() ?? thing.stop?.() ?? thing.close?.());
  return thing;
}

describe('credentials (real core, Mosquitto with a password file)', () => {
  for (const protocolVersion of [4, 5] as const) {
    test(`MQTT ${protocolVersion === 5 ? '5' : '3.1.1'}: a wrong password is an error without retries; fixing it connects`, async () => {
      const dir = tracked(tempDir());
      const passwords = join(dir.path, 'passwords');
      execFileSync('mosquitto_passwd', ['-b', '-c', passwords, 'office', 'right-password']);
      const broker = tracked(await startLoggingMosquitto(['allow_anonymous false', `password_file ${passwords}`]));
      // Each CONNECT ends in one of these two log lines (a bare TCP probe logs neither).
      const attempts = () =>
        broker.lines().filter((line) => /New client connected|disconnected, not authorised/.test(line)).length;
      const t = tracked(await startTestCore({ dataDir: join(dir.path, 'herald'), brokerPort: 'off' }));

      const added = await dispatch(t.core.handlers, 'sources.add', {
        kind: 'mqtt',
        name: 'Office',
        url: broker.url,
        protocolVersion,
        username: 'office',
        password: 'wrong-password',
        topics: [{ filter: 'office/#', qos: 1 }],
      });
      if (!added.ok) throw new Error(added.error.message);
      const id = (added.value as { id: string }).id;
      const status = () => t.core.getState().sources.find((s) => s.id === id)!.status;
      await eventually('error status', () => status().state === 'error');
      expect(status().error).toMatch(
        /^the broker (refused the user name or password|says this client is not authorised) \(/,
      );
      expect(status().retryAt).toBeUndefined();
      // The backoff starts at 0.5 s: a retrying source would have dialled again by now.
      await new Promise((r) => setTimeout(r, 1500));
      expect(attempts()).toBe(1);
      expect(status().state).toBe('error');

      const updated = await dispatch(t.core.handlers, 'sources.update', {
        id,
        kind: 'mqtt',
        name: 'Office',
        url: broker.url,
        protocolVersion,
        username: 'office',
        password: 'right-password',
        topics: [{ filter: 'office/#', qos: 1 }],
      });
      expect(updated.ok).toBe(true);
      await eventually('connected', () => status().state === 'connected');
      const pub = await mqtt.connectAsync(broker.url, {
        username: 'office',
        password: 'right-password',
        reconnectPeriod: 0,
      });
      await pub.publishAsync('office/door', 'open', { qos: 1 });
      await pub.endAsync();
      await eventually('message stored', () => t.core.getState().total === 1);
    });
  }
});

describe('CONNACK and SUBACK codes (aedes, MQTT 3.1.1)', () => {
  test('return codes 4 and 5 refuse for good; the broker sees one attempt each', async () => {
    for (const returnCode of [4, 5] as const) {
      let attempts = 0;
      const broker = tracked(
        await startAedes({
          authenticate: (_client, _user, _password, done) => {
            attempts++;
            done(Object.assign(new Error('no'), { returnCode }), null);
          },
        }),
      );
      const dir = tracked(tempDir());
      const h = tracked(startSource(mqttConfig({ url: broker.url }), { dataDir: dir.path }));
      await eventually('error', () => h.source.status.state === 'error');
      // The harness retries after 100-400 ms; wait long enough for several retries that must not happen.
      await new Promise((r) => setTimeout(r, 800));
      expect(attempts).toBe(1);
    }
  });

  test('other refusals (server unavailable) are retried with backoff', async () => {
    let attempts = 0;
    const broker = tracked(
      await startAedes({
        authenticate: (_client, _user, _password, done) => {
          attempts++;
          done(Object.assign(new Error('busy'), { returnCode: 3 as const }), null);
        },
      }),
    );
    const dir = tracked(tempDir());
    const h = tracked(startSource(mqttConfig({ url: broker.url }), { dataDir: dir.path }));
    await eventually('retried', () => attempts >= 3, 5000);
    expect(h.source.status.state).toBe('reconnecting');
    expect(h.source.status.error).toBe('the broker refused the connection (Server unavailable, 0x03)');
  });

  test('a refused subscription is an error naming the topic; the granted topics still deliver', async () => {
    const broker = tracked(
      await startAedes({
        authorizeSubscribe: (_client, subscription, done) =>
          done(null, subscription.topic.startsWith('secret/') ? null : subscription),
      }),
    );
    const dir = tracked(tempDir());
    const h = tracked(
      startSource(
        mqttConfig({
          url: broker.url,
          topics: [
            { filter: 'open/#', qos: 1 },
            { filter: 'secret/#', qos: 1 },
          ],
        }),
        { dataDir: dir.path },
      ),
    );
    await eventually('error status', () => h.source.status.state === 'error');
    expect(h.source.status.error).toBe('the broker refused the subscription to secret/#');
    // The UI hears of it too, not only whoever asks for the status.
    expect(h.statuses.at(-1)).toMatchObject({
      state: 'error',
      error: 'the broker refused the subscription to secret/#',
    });
    const pub = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    await pub.publishAsync('open/x', 'still arrives', { qos: 1 });
    await pub.endAsync();
    await eventually('message on the granted topic stored', () => h.rows().length === 1);
  });
});
