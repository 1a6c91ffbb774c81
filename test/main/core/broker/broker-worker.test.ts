// The embedded broker as the core runs it: in a worker thread of its own. Clients still exchange messages while
// the core's loop is blocked; a worker that dies is reported as not running, with the reason, and comes back;
// closing it frees its port; a start it refuses reaches the caller as before.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { startBrokerHost, type BrokerHost } from '../../../../src/main/core/broker/broker-host.ts';
import type { WorkerBroker } from '../../../../src/main/core/broker/worker/worker-broker.ts';
import { Settings } from '../../../../src/main/core/settings/schema.ts';
import { tempDir } from '../../../helpers/core.ts';
import { freePort } from '../../../helpers/ports.ts';
import { connected, mqttClient, nextMessage, onCleanup, waitFor } from './broker-helpers.ts';

/** How long this thread spins, at most, waiting for the message to go through the broker. */
const BLOCK_MAX_MS = 5_000;

async function startHost(broker: Record<string, unknown> = {}, onChange?: () => void): Promise<BrokerHost> {
  const settings = Settings.parse({ broker: { port: await freePort(), ...broker } }).broker;
  const host = await startBrokerHost({ settings, password: undefined, onChange });
  onCleanup(() => host.close());
  return host;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('the broker worker', () => {
  test('runs on another thread: mosquitto clients exchange a message while this loop is blocked', async () => {
    const host = await startHost();
    const broker = host.running() as WorkerBroker;
    expect(broker.threadId).not.toBe(threadId);
    const port = String(host.info().port);
    const dir = tempDir('herald-broker-loop-');
    onCleanup(() => dir.remove());
    // mosquitto_sub writes straight to a file, which this thread can read without its loop.
    const output = join(dir.path, 'received');
    const fd = openSync(output, 'w');
    const sub = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', port, '-t', 'off-loop/test', '-C', '1', '-W', '20'], {
      stdio: ['ignore', fd, 'ignore'],
    });
    closeSync(fd);
    onCleanup(() => void sub.kill());
    let subscribed = false;
    for (let i = 0; i < 250 && !subscribed; i++) {
      const clients = await broker.inspector.clients();
      subscribed = clients.some((client) => client.subscriptions.includes('off-loop/test'));
      if (!subscribed) await new Promise((r) => setTimeout(r, 20));
    }
    expect(subscribed).toBe(true);

    // mosquitto_pub is its own process: it connects and publishes while this thread spins, never yielding (no
    // timer, socket or message of this thread runs), until the message is in the file or the time is up.
    const pub = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-t', 'off-loop/test', '-m', 'hello']);
    onCleanup(() => void pub.kill());
    const blockedFrom = Date.now();
    while (statSync(output).size === 0 && Date.now() - blockedFrom < BLOCK_MAX_MS) {
      // Busy.
    }
    const blockedFor = Date.now() - blockedFrom;
    expect(readFileSync(output, 'utf8')).toBe('hello\n');
    expect(blockedFor).toBeLessThan(BLOCK_MAX_MS);
  });

  test('a refused connection reaches the broker info, with the address and the reason', async () => {
    const host = await startHost({ anonymous: false, username: 'alice' });
    expect(await mqttClient(`mqtt://127.0.0.1:${host.info().port}`)).toBeInstanceOf(Error);
    const refused = await waitFor('the refusal', () => host.info().refused?.[0]);
    expect(refused).toMatchObject({ address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    expect(refused.reason).toMatch(/anonymous/);
  });

  test('a worker that dies is reported as not running, with the reason, and comes back', async () => {
    let changes = 0;
    const host = await startHost({}, () => changes++);
    const first = host.running() as WorkerBroker;
    await first.crashForTest();

    expect(host.info()).toMatchObject({
      running: false,
      error: expect.stringMatching(/^the embedded broker stopped: .+; starting it again$/),
    });
    expect(host.url()).toMatchObject({ error: expect.stringMatching(/stopped/) });
    expect(changes).toBe(1);

    await waitFor('the broker back', () => host.info().running);
    expect(host.info().error).toBeUndefined();
    expect(changes).toBe(2);
    const again = host.running() as WorkerBroker;
    expect(again.threadId).not.toBe(first.threadId);
    const url = `mqtt://127.0.0.1:${host.info().port}`;
    const subscriber = await connected(url);
    await subscriber.subscribeAsync('back/#');
    const received = nextMessage(subscriber);
    await (await connected(url)).publishAsync('back/again', 'yes');
    expect(await received).toEqual({ topic: 'back/again', payload: 'yes' });
  });

  test('closing stops the worker and frees its ports; nothing starts it again', async () => {
    const host = await startHost({ wsPort: await freePort() });
    const { port, wsPort } = host.info();
    expect(await portIsFree(port!)).toBe(false);
    await host.close();
    expect(await portIsFree(port!)).toBe(true);
    expect(await portIsFree(wsPort!)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(host.running()).toBeNull();
  });

  test('a refused configuration and a taken port reach the UI as before', async () => {
    const lan = await startHost({ host: '0.0.0.0' });
    expect(lan.info()).toMatchObject({
      running: false,
      refusal: expect.stringMatching(/only with authentication/),
      error: expect.stringMatching(/^the embedded broker could not start: the broker can listen on 0\.0\.0\.0/),
    });

    const first = await startHost();
    const taken = first.info().port!;
    const second = await startHost({ port: taken });
    expect(second.info()).toMatchObject({
      running: true,
      error: `port ${taken} was taken; the embedded broker listens on ${second.info().port} instead`,
    });
    expect(second.info().port).not.toBe(taken);
  });
});
