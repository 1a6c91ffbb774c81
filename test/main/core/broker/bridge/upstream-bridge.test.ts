// The embedded broker's bridge, against a real Mosquitto as the upstream broker: topics forwarded down, up and
// both ways (with prefixes), no loops, nothing lost on the way down across a restart, a bounded wait for an
// unreachable upstream, and failures said in plain words.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeSettings, type BridgeTopic } from '../../../../../src/shared/bridge.ts';
import type { RunningBroker } from '../../../../../src/main/core/broker/embedded-broker.ts';
import {
  startMosquitto,
  startMosquittoWithUsers,
  startTlsMosquitto,
  type Mosquitto,
} from '../../../../helpers/mosquitto.ts';
import { freePort } from '../../../../helpers/ports.ts';
import { SERVER_NAME } from '../../../../reliability/helpers/certs.ts';
import { connected, onCleanup, run, startBroker, waitFor } from '../broker-helpers.ts';

const upstreams: Mosquitto[] = [];
afterEach(async () => {
  for (const upstream of upstreams.splice(0)) await upstream.stop();
});

async function upstream(port?: number): Promise<Mosquitto> {
  const started = await startMosquitto({ port });
  upstreams.push(started);
  return started;
}

interface Seen {
  topic: string;
  payload: string;
  retain: boolean;
}

/** An mqtt.js client subscribed to `filter`, keeping what it receives. */
async function watch(url: string, filter: string): Promise<{ client: MqttClient; seen: Seen[] }> {
  const client = await connected(url);
  const seen: Seen[] = [];
  client.on('message', (topic, payload, packet) =>
    seen.push({ topic, payload: payload.toString(), retain: packet.retain }),
  );
  await client.subscribeAsync(filter, { qos: 1 });
  return { client, seen };
}

function bridged(
  url: string,
  topics: Partial<BridgeTopic>[],
  extra: Partial<BridgeSettings> & { password?: string; maxWaiting?: number; stateFile?: string } = {},
): Promise<RunningBroker> {
  const { password, maxWaiting, stateFile, ...settings } = extra;
  const bridge = BridgeSettings.parse({ enabled: true, url, topics, clientId: `bridge-${randomUUID()}`, ...settings });
  return startBroker({ bridge: { ...bridge, password, maxWaiting }, stateFile });
}

const localUrl = (broker: RunningBroker) => `mqtt://127.0.0.1:${broker.port}`;
const isConnected = (broker: RunningBroker) => broker.bridge()?.state === 'connected';
const pub = (port: number, topic: string, message: string, ...flags: string[]) =>
  run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-m', message, '-q', '1', ...flags]);

describe('the bridge to an upstream broker', () => {
  it('brings topics down from upstream under the local prefix, retained ones kept as retained', async () => {
    const remote = await upstream();
    await pub(remote.port, 'home/sensors/door', 'closed', '-r');
    const broker = await bridged(remote.url, [{ filter: 'sensors/#', direction: 'in', remotePrefix: 'home/' }]);
    await waitFor('bridge connected', () => isConnected(broker));
    const local = await watch(localUrl(broker), 'sensors/#');
    await waitFor('the retained door state', () => local.seen.length >= 1);
    expect(local.seen[0]).toEqual({ topic: 'sensors/door', payload: 'closed', retain: true });

    await pub(remote.port, 'home/sensors/t', '21.5');
    await pub(remote.port, 'home/other/x', 'not forwarded');
    await waitFor('the live message', () => local.seen.length >= 2);
    expect(local.seen[1]).toEqual({ topic: 'sensors/t', payload: '21.5', retain: false });
    await waitFor('counted', () => broker.bridge()!.in >= 2);
  });

  it('sends topics up under the remote prefix, and nothing a route does not cover', async () => {
    const remote = await upstream();
    const broker = await bridged(remote.url, [{ filter: 'alerts/#', direction: 'out', remotePrefix: 'office/' }]);
    await waitFor('bridge connected', () => isConnected(broker));
    const far = await watch(remote.url, '#');
    const publisher = await connected(localUrl(broker));
    await publisher.publishAsync('private/x', 'stays here', { qos: 1 });
    await publisher.publishAsync('alerts/door', 'open', { qos: 1 });
    await waitFor('the alert upstream', () => far.seen.length >= 1);
    expect(far.seen).toEqual([{ topic: 'office/alerts/door', payload: 'open', retain: false }]);
    expect(broker.bridge()).toMatchObject({ state: 'connected', out: 1, dropped: 0 });
  });

  it('gives upstream the retained messages of an out-only route when it connects', async () => {
    const remote = await upstream();
    const port = await freePort();
    // Upstream is not there yet: the retained state waits on this broker.
    const broker = await bridged(`mqtt://127.0.0.1:${port}`, [{ filter: 'state/#', direction: 'out' }]);
    const publisher = await connected(localUrl(broker));
    await publisher.publishAsync('state/heating', 'on', { qos: 1, retain: true });
    await remote.stop();
    upstreams.splice(0);
    const later = await upstream(port);
    await waitFor('bridge connected', () => isConnected(broker), 10_000);
    const far = await watch(later.url, 'state/#');
    await waitFor('the retained state upstream', () => far.seen.length >= 1);
    expect(far.seen[0]).toEqual({ topic: 'state/heating', payload: 'on', retain: true });
  });

  for (const protocolVersion of [4, 5] as const) {
    it(`forwards a topic both ways without sending anything back (MQTT ${protocolVersion === 4 ? '3.1.1' : '5'})`, async () => {
      const remote = await upstream();
      const broker = await bridged(remote.url, [{ filter: 'shared/#', direction: 'both' }], { protocolVersion });
      await waitFor('bridge connected', () => isConnected(broker));
      const near = await watch(localUrl(broker), 'shared/#');
      const far = await watch(remote.url, 'shared/#');
      const localPublisher = await connected(localUrl(broker));
      await localPublisher.publishAsync('shared/up', 'from here', { qos: 1 });
      await pub(remote.port, 'shared/down', 'from there');
      // A last message each way: once both have arrived, any echo of the first ones would have too.
      await localPublisher.publishAsync('shared/up', 'last from here', { qos: 1 });
      await pub(remote.port, 'shared/down', 'last from there');
      await waitFor('everything on both sides', () => near.seen.length >= 4 && far.seen.length >= 4);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const payloads = (seen: Seen[]) => seen.map((s) => s.payload).sort();
      const all = ['from here', 'from there', 'last from here', 'last from there'];
      expect(payloads(near.seen)).toEqual(all);
      expect(payloads(far.seen)).toEqual(all);
      expect(broker.bridge()).toMatchObject({ in: 2, out: 2 });
    });
  }

  it('loses nothing sent upstream while Herald was off: the session waits there and is brought down on connect', async () => {
    const remote = await upstream();
    const dir = mkdtempSync(join(tmpdir(), 'herald-bridge-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const settings = { clientId: 'herald-bridge-test', stateFile: join(dir, 'broker-state.json') };
    const route = [{ filter: 'news/#', direction: 'in' as const, qos: 1 as const }];
    const first = await bridged(remote.url, route, settings);
    await waitFor('bridge connected', () => isConnected(first));
    // A reader with a persistent session on this broker, offline while the news comes.
    const reader = await connected(localUrl(first), { clientId: 'reader', clean: false });
    await reader.subscribeAsync('news/#', { qos: 1 });
    await reader.endAsync();
    await first.close();

    for (let i = 0; i < 5; i++) await pub(remote.port, 'news/item', `item ${i}`);
    const second = await bridged(remote.url, route, settings);
    await waitFor('all five taken by this broker', () => second.bridge()?.in === 5, 10_000);
    const back = await connected(localUrl(second), { clientId: 'reader', clean: false });
    const seen: string[] = [];
    back.on('message', (_topic, payload) => seen.push(payload.toString()));
    await waitFor('all five at the reader', () => seen.length >= 5, 10_000);
    expect(seen).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'item 4']);
  });

  it('keeps a bounded number of messages for an unreachable upstream and counts the rest as dropped', async () => {
    const port = await freePort();
    const broker = await bridged(`mqtt://127.0.0.1:${port}`, [{ filter: 'q/#', direction: 'out', qos: 1 }], {
      maxWaiting: 3,
    });
    await waitFor('the failure shown', () => broker.bridge()?.error);
    expect(broker.bridge()).toMatchObject({ state: 'offline', error: expect.stringMatching(/connection refused/) });
    const publisher = await connected(localUrl(broker));
    for (let i = 0; i < 5; i++) await publisher.publishAsync('q/x', `m${i}`, { qos: 1 });
    // QoS 0 is never kept for later.
    await publisher.publishAsync('q/x', 'at most once', { qos: 0 });
    await waitFor('counted', () => broker.bridge()!.dropped === 3);
    expect(broker.bridge()).toMatchObject({ queued: 3, dropped: 3 });

    const remote = await upstream(port);
    const far = await watch(remote.url, 'q/#');
    await waitFor('bridge connected', () => isConnected(broker), 10_000);
    await waitFor('the three kept ones upstream', () => far.seen.length >= 3 || broker.bridge()!.out >= 3);
    expect(broker.bridge()).toMatchObject({ queued: 0, out: 3, dropped: 3 });
  });

  it('says in plain words when upstream refuses the credentials', async () => {
    const remote = await startMosquittoWithUsers({ bridge: 'right' });
    upstreams.push(remote);
    const broker = await bridged(remote.url, [{ filter: '#' }], { username: 'bridge', password: 'wrong' });
    await waitFor('the refusal', () => broker.bridge()?.error);
    expect(broker.bridge()!.error).toMatch(/refused the user name or password|not authorised/);
    expect(broker.bridge()!.state).toBe('offline');
  });

  it('connects with the right credentials', async () => {
    const remote = await startMosquittoWithUsers({ bridge: 'right' });
    upstreams.push(remote);
    const broker = await bridged(remote.url, [{ filter: '#' }], { username: 'bridge', password: 'right' });
    await waitFor('bridge connected', () => isConnected(broker));
    expect(broker.bridge()).toMatchObject({ url: remote.url, state: 'connected' });
    expect(broker.bridge()!.error).toBeUndefined();
  });

  it('reaches a TLS upstream with its CA, says why without it, and accepts it untrusted only when told', async () => {
    const remote = await startTlsMosquitto();
    onCleanup(() => remote.stop());
    const route = [{ filter: '#' }];
    // The test certificate is for its own name, not 127.0.0.1: the server name says which to expect.
    const tls = { ca: remote.certs.caFile, servername: SERVER_NAME, allowUntrusted: false };
    const withCa = await bridged(remote.url, route, { tls });
    await waitFor('connected with the CA', () => isConnected(withCa));

    const withoutCa = await bridged(remote.url, route);
    await waitFor('the refusal', () => withoutCa.bridge()?.error);
    expect(withoutCa.bridge()!.error).toMatch(/TLS: certificate signed by an unknown authority/);

    const untrusted = await bridged(remote.url, route, { tls: { allowUntrusted: true } });
    await waitFor('connected untrusted', () => isConnected(untrusted));

    const missing = await bridged(remote.url, route, { tls: { ca: '/nonexistent/ca.pem', allowUntrusted: false } });
    expect(missing.bridge()).toMatchObject({ state: 'offline', error: expect.stringMatching(/no such file/) });
  });

  it('does not run without a URL or topics, and says why', async () => {
    const broker = await startBroker({ bridge: { ...BridgeSettings.parse({ enabled: true }), password: undefined } });
    expect(broker.bridge()).toMatchObject({ state: 'offline', error: expect.stringMatching(/URL of the upstream/) });
    const off = await startBroker({ bridge: { ...BridgeSettings.parse({}), password: undefined } });
    expect(off.bridge()).toBeNull();
  });
});
