// The Broker page's commands through the contract on a real core and its real embedded broker, with Debian's
// mosquitto clients and raw MQTT packets: users written to the password file log in, an ACL written through the
// contract refuses a subscription with SUBACK 0x80, retained messages are listed and deleted, and a LAN address
// without authentication is refused with the broker's own reason, saving nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ISubackPacket } from 'mqtt-packet';
import { afterEach, describe, expect, test } from 'vitest';
import {
  dispatch,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
} from '../../../../src/shared/contract.ts';
import { INTERNAL_USERNAME } from '../../../../src/main/core/broker/broker-auth.ts';
import { unsafeConfiguration } from '../../../../src/main/core/broker/embedded-broker.ts';
import { reachableAddresses } from '../../../../src/main/core/broker/listener-urls.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { freePort } from '../../../helpers/ports.ts';
import { rawClient, run } from '../broker/broker-helpers.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function core(): Promise<TestCore & { port: number }> {
  const dir = tempDir('herald-broker-commands-');
  const port = await freePort();
  const started = await startTestCore({ dataDir: dir.path, brokerPort: port });
  cleanups.push(dir.remove, () => started.stop());
  return { ...started, port };
}

async function call<C extends CommandName>(test: TestCore, command: C, request: CommandRequest<C>) {
  return dispatch(test.core.handlers, command, request);
}

async function value<C extends CommandName>(
  test: TestCore,
  command: C,
  request: CommandRequest<C>,
): Promise<CommandResponse<C>> {
  const reply = await call(test, command, request);
  if (!reply.ok) throw new Error(`${command}: ${reply.error.message}`);
  return reply.value as CommandResponse<C>;
}

const pub = (port: number, ...args: string[]) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), ...args]);

/** Herald's own source on the embedded broker, connected again. */
const localConnected = (test: TestCore) =>
  eventually(
    'the local source to connect',
    () => test.core.getState().sources.find((s) => s.id === 'local')?.status.state === 'connected',
  );

describe('broker.status', () => {
  test('shows the listener URL, Herald as a connected client and counts messages in and out', async () => {
    const test = await core();
    await localConnected(test);
    const before = await value(test, 'broker.status', {});
    expect(await pub(test.port, '-t', 'herald/count', '-m', 'one', '-q', '1')).toMatchObject({ code: 0 });
    const status = await eventually('the message counted', async () => {
      const s = await value(test, 'broker.status', {});
      return s.messages.in > before.messages.in && s.messages.out > before.messages.out ? s : null;
    });
    expect(status.listeners).toEqual([{ kind: 'mqtt', port: test.port, urls: [`mqtt://127.0.0.1:${test.port}`] }]);
    expect(status.config).toMatchObject({ host: '127.0.0.1', enabled: true });
    const herald = status.clients.find((c) => c.subscriptions.includes('herald/#'));
    expect(herald?.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  test('a broker on all interfaces is reachable at every non-internal address; one address only there', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
    } as unknown as Parameters<typeof reachableAddresses>[1];
    expect(reachableAddresses('0.0.0.0', interfaces)).toEqual(['127.0.0.1', '192.168.1.20']);
    expect(reachableAddresses('::', interfaces)).toEqual(['127.0.0.1', '192.168.1.20', 'fe80::1']);
    expect(reachableAddresses('192.168.1.20', interfaces)).toEqual(['192.168.1.20']);
  });
});

describe('broker.users', () => {
  test('a user set through the contract logs in with mosquitto_pub; removed, it is refused', async () => {
    const test = await core();
    await value(test, 'broker.users.set', { username: 'alice', password: 'alice-pw' });
    const listed = await value(test, 'broker.users.list', {});
    expect(listed.users).toEqual([{ username: 'alice' }]);
    expect(listed.file).toBe(join(test.dataDir, 'broker-passwords'));
    expect(readFileSync(listed.file, 'utf8')).toMatch(/^alice:\$7\$101\$/);
    expect(readFileSync(listed.file, 'utf8')).not.toContain(INTERNAL_USERNAME);

    expect(await pub(test.port, '-u', 'alice', '-P', 'alice-pw', '-t', 'herald/x', '-m', 'hi')).toMatchObject({
      code: 0,
    });
    const wrong = await pub(test.port, '-u', 'alice', '-P', 'nope', '-t', 'herald/x', '-m', 'hi');
    expect(wrong.stderr).toMatch(/not authori[sz]ed/i);
    // The broker restarted to read the file; Herald's own source followed it.
    await localConnected(test);

    await value(test, 'broker.users.remove', { username: 'alice' });
    const removed = await pub(test.port, '-u', 'alice', '-P', 'alice-pw', '-t', 'herald/x', '-m', 'hi');
    expect(removed.stderr).toMatch(/not authori[sz]ed/i);
    expect(await call(test, 'broker.users.remove', { username: 'alice' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call(test, 'broker.users.set', { username: INTERNAL_USERNAME, password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await call(test, 'broker.users.set', { username: 'a:b', password: 'x' })).toMatchObject({ ok: false });
  });
});

describe('broker.acl', () => {
  test('an invalid ACL returns its problems per line and saves nothing', async () => {
    const test = await core();
    const reply = await value(test, 'broker.acl.set', { text: 'topic read ok/#\nbogus line\ntopic read a/#/b\n' });
    expect(reply.saved).toBe(false);
    expect(reply.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(reply.problems[0]!.message).toMatch(/unknown keyword "bogus"/);
    expect(existsSync(join(test.dataDir, 'broker-acl'))).toBe(false);
    expect(await value(test, 'broker.acl.get', {})).toMatchObject({ text: '' });
  });

  test('a saved ACL refuses a subscription it does not cover with SUBACK 0x80', async () => {
    const test = await core();
    const text = 'topic read public/#\n';
    expect(await value(test, 'broker.acl.set', { text })).toEqual({ saved: true, problems: [] });
    expect(await value(test, 'broker.acl.get', {})).toEqual({ file: join(test.dataDir, 'broker-acl'), text });

    const client = await rawClient(test.port);
    client.send({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: true,
      clientId: 'acl-t',
      keepalive: 30,
    });
    await client.next('connack');
    client.send({
      cmd: 'subscribe',
      messageId: 1,
      subscriptions: [
        { topic: 'secret/#', qos: 0 },
        { topic: 'public/news', qos: 1 },
      ],
    });
    expect(((await client.next('suback')) as ISubackPacket).granted).toEqual([0x80, 1]);
    // Herald's own connection is not held to the ACL.
    await localConnected(test);

    // Emptied, Herald's own ACL file is gone and everything is allowed again.
    await value(test, 'broker.acl.set', { text: '' });
    expect(existsSync(join(test.dataDir, 'broker-acl'))).toBe(false);
  });
});

describe('broker.retained', () => {
  test('lists retained messages by prefix and deletes one', async () => {
    const test = await core();
    for (const [topic, message] of [
      ['home/door', 'open'],
      ['home/light', 'on'],
      ['garden/tap', 'off'],
    ]) {
      expect(await pub(test.port, '-r', '-t', topic!, '-m', message!)).toMatchObject({ code: 0 });
    }
    const listed = () => value(test, 'broker.retained.list', { prefix: 'home/' });
    expect(await eventually('two retained', async () => (await listed()).topics.length === 2));
    expect(await listed()).toEqual({
      topics: [
        { topic: 'home/door', size: 4, preview: 'open' },
        { topic: 'home/light', size: 2, preview: 'on' },
      ],
      truncated: false,
    });
    expect(await value(test, 'broker.retained.list', { limit: 1 })).toMatchObject({
      topics: [{ topic: 'garden/tap' }],
      truncated: true,
    });

    await value(test, 'broker.retained.delete', { topic: 'home/door' });
    expect(await listed()).toMatchObject({ topics: [{ topic: 'home/light' }] });
    expect(await call(test, 'broker.retained.delete', { topic: 'home/door' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const sub = await run('mosquitto_sub', ['-p', String(test.port), '-t', 'home/door', '-W', '1', '-C', '1']);
    expect(sub.stdout).toBe('');
  });
});

describe('broker.configure', () => {
  test('the LAN without authentication is refused with the broker’s reason and nothing is saved', async () => {
    const test = await core();
    const reply = await call(test, 'broker.configure', { host: '0.0.0.0' });
    const reason = unsafeConfiguration({ port: test.port, host: '0.0.0.0' });
    expect(reason).not.toBeNull();
    expect(reply).toEqual({ ok: false, error: { code: 'invalid_request', message: reason } });
    const saved = JSON.parse(readFileSync(join(test.dataDir, 'config.json'), 'utf8')) as { broker?: { host?: string } };
    expect(saved.broker?.host).toBeUndefined();
    expect(await call(test, 'broker.configure', { host: 'not an address' })).toMatchObject({ ok: false });

    await value(test, 'broker.users.set', { username: 'bob', password: 'bob-pw' });
    const status = await value(test, 'broker.configure', { host: '0.0.0.0', wsPort: await freePort(), wsPath: '/ws' });
    expect(status.info).toMatchObject({ running: true, host: '0.0.0.0' });
    expect(status.listeners[0]!.urls[0]).toBe(`mqtt://127.0.0.1:${test.port}`);
    expect(status.listeners[1]!.urls[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(await pub(test.port, '-u', 'bob', '-P', 'bob-pw', '-t', 'herald/lan', '-m', 'x')).toMatchObject({ code: 0 });

    const off = await value(test, 'broker.configure', { enabled: false });
    expect(off).toMatchObject({ info: { running: false }, config: { enabled: false } });
    expect(await call(test, 'broker.retained.list', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
