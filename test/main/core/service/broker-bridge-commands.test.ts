// The Broker page's bridge command through the contract on a real core: the bridge to a real Mosquitto is saved
// (its password with the secrets, never in the settings file), runs at once and again after a restart, shows how
// it is doing in the app state, and settings it could not run with are refused, saving nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dispatch, type CommandRequest } from '../../../../src/shared/contract.ts';
import type { BrokerStatus } from '../../../../src/shared/commands/broker.ts';
import type { ConnectionTestResult } from '../../../../src/shared/connection-test.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { startMosquittoWithUsers, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { freePort } from '../../../helpers/ports.ts';
import { run } from '../broker/broker-helpers.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function core(dataDir: string): Promise<TestCore & { port: number }> {
  const port = await freePort();
  const started = await startTestCore({ dataDir, brokerPort: port });
  cleanups.push(() => started.stop());
  return { ...started, port };
}

async function upstream(): Promise<Mosquitto> {
  const remote = await startMosquittoWithUsers({ bridge: 'upstream secret' });
  cleanups.push(() => remote.stop());
  return remote;
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

const setBridge = (test: TestCore, request: CommandRequest<'broker.bridge.set'>) =>
  dispatch(test.core.handlers, 'broker.bridge.set', request) as Promise<Reply<BrokerStatus>>;
const brokerStatus = (test: TestCore) =>
  dispatch(test.core.handlers, 'broker.status', {}) as Promise<Reply<BrokerStatus>>;

const bridgeState = (test: TestCore) => test.core.getState().broker.bridge;

describe('broker.bridge.set', () => {
  test('saves the bridge with its password kept apart, runs it, and runs it again after a restart', async () => {
    const remote = await upstream();
    const dir = tempDir('herald-bridge-commands-');
    cleanups.push(dir.remove);
    const first = await core(dir.path);
    const reply = await setBridge(first, {
      enabled: true,
      url: remote.url,
      username: 'bridge',
      password: 'upstream secret',
      topics: [{ filter: 'herald/#', direction: 'out', remotePrefix: 'desk/' }],
    });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value.bridge).toMatchObject({ enabled: true, url: remote.url, hasPassword: true });
    await eventually('bridge connected', () => bridgeState(first)?.state === 'connected');
    expect(readFileSync(join(dir.path, 'config.json'), 'utf8')).not.toContain('upstream secret');

    // What reaches Herald's broker on a bridged topic reaches the upstream broker under the remote prefix.
    const far = run('mosquitto_sub', [
      '-p',
      String(remote.port),
      '-u',
      'bridge',
      '-P',
      'upstream secret',
      '-t',
      'desk/#',
      '-C',
      '1',
      '-W',
      '8',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await run('mosquitto_pub', ['-p', String(first.port), '-t', 'herald/door', '-m', 'open', '-q', '1']);
    expect((await far).stdout.trim()).toBe('open');

    await first.stop();
    const second = await core(dir.path);
    await eventually('bridge connected after the restart', () => bridgeState(second)?.state === 'connected');
    const status = await brokerStatus(second);
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.bridge).toMatchObject({ enabled: true, username: 'bridge', hasPassword: true });
  });

  test('a password left out keeps the stored one; null forgets it', async () => {
    const remote = await upstream();
    const dir = tempDir('herald-bridge-commands-');
    cleanups.push(dir.remove);
    const test = await core(dir.path);
    const bridge = { enabled: true, url: remote.url, username: 'bridge', topics: [{ filter: 'x/#' }] };
    await setBridge(test, { ...bridge, password: 'upstream secret' });
    await eventually('bridge connected', () => bridgeState(test)?.state === 'connected');
    const kept = await setBridge(test, { ...bridge, topics: [{ filter: 'y/#' }] });
    expect(kept.ok && kept.value.bridge.hasPassword).toBe(true);
    await eventually('connected with the kept password', () => bridgeState(test)?.state === 'connected');

    const forgotten = await setBridge(test, { ...bridge, password: null });
    expect(forgotten.ok && forgotten.value.bridge.hasPassword).toBe(false);
    await eventually('refused without a password', () => bridgeState(test)?.error);
    expect(bridgeState(test)).toMatchObject({
      state: 'offline',
      error: expect.stringMatching(/refused|not authorised/),
    });
  });

  test('"Test connection" tries the form as it is, with the stored password unless it gives one, saving nothing', async () => {
    const remote = await upstream();
    const dir = tempDir('herald-bridge-commands-');
    cleanups.push(dir.remove);
    const test = await core(dir.path);
    const form = {
      enabled: true,
      url: remote.url,
      username: 'bridge',
      topics: [{ filter: 'desk/#', direction: 'in' as const }],
    };
    const tried = (request: CommandRequest<'broker.bridge.test'>) =>
      dispatch(test.core.handlers, 'broker.bridge.test', request) as Promise<Reply<ConnectionTestResult>>;

    const right = await tried({ ...form, password: 'upstream secret' });
    expect(right.ok && right.value.ok).toBe(true);
    expect(right.ok && right.value.steps.map((step) => [step.step, step.status])).toEqual([
      ['dns', 'passed'],
      ['tcp', 'passed'],
      ['tls', 'skipped'],
      ['auth', 'passed'],
      ['subscribe', 'passed'],
    ]);
    const wrong = await tried({ ...form, password: 'nope' });
    expect(wrong.ok && wrong.value.steps.find((step) => step.status === 'failed')?.step).toBe('auth');

    await setBridge(test, { ...form, enabled: false, password: 'upstream secret' });
    const stored = await tried(form);
    expect(stored.ok && stored.value.ok).toBe(true);
    expect((await brokerStatus(test)).ok && bridgeState(test)).toBeFalsy();
  });

  test('refuses a bridge it could not run, saving nothing', async () => {
    const dir = tempDir('herald-bridge-commands-');
    cleanups.push(dir.remove);
    const test = await core(dir.path);
    const noTopics = await setBridge(test, { enabled: true, url: 'mqtt://127.0.0.1:1', topics: [] });
    expect(noTopics).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at least one topic/) } });
    const badUrl = await setBridge(test, { enabled: true, url: 'http://example.com', topics: [{ filter: '#' }] });
    expect(badUrl.ok).toBe(false);
    const status = await brokerStatus(test);
    expect(status.ok && status.value.bridge.enabled).toBe(false);
    expect(bridgeState(test)).toBeUndefined();
  });
});
