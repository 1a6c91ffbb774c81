// Safe by default, with real clients: loopback unless authenticated; users from a mosquitto_passwd file; ACLs
// on publish, subscribe and delivery; $SYS never writable; a flood of connections capped.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { join } from 'node:path';
import type { ISubackPacket } from 'mqtt-packet';
import { afterEach, describe, expect, test } from 'vitest';
import { startEmbeddedBroker } from '../../../../src/main/core/broker/embedded-broker.ts';
import { freePort } from '../../../helpers/ports.ts';
import { tempDir } from '../../../helpers/core.ts';
import {
  connected,
  mqttClient,
  nextMessage,
  rawClient,
  run,
  startBroker,
  startSub,
  waitFor,
} from './broker-helpers.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** A password file made by Debian's mosquitto_passwd, and an ACL file, in a temporary folder. */
function files(acl?: string): { passwordFile: string; aclFile?: string } {
  const dir = tempDir('herald-broker-auth-');
  dirs.push(dir);
  const passwordFile = join(dir.path, 'passwd');
  execFileSync('mosquitto_passwd', ['-c', '-b', passwordFile, 'alice', 'alice-pw']);
  execFileSync('mosquitto_passwd', ['-b', passwordFile, 'bob', 'bob-pw']);
  if (acl === undefined) return { passwordFile };
  const aclFile = join(dir.path, 'acl');
  writeFileSync(aclFile, acl);
  return { passwordFile, aclFile };
}

const ACL = `
user alice
topic readwrite home/#
topic deny home/secret/#
topic read $SYS/#
topic readwrite $SYS/#

user bob
topic read home/+/temperature
`;

describe('binding', () => {
  test('listening on 0.0.0.0 without authentication is refused with the reason; with a password file it runs', async () => {
    const port = await freePort();
    await expect(startEmbeddedBroker({ port, host: '0.0.0.0' })).rejects.toThrow(
      /only with authentication.*password file/,
    );
    const broker = await startBroker({ port, host: '0.0.0.0', ...files() });
    expect(broker.host).toBe('0.0.0.0');
    expect(broker.auth).toBe(true);
    const pub = await run('mosquitto_pub', ['-p', String(port), '-u', 'alice', '-P', 'alice-pw', '-t', 'a', '-m', 'x']);
    expect(pub.code).toBe(0);
  });

  test('by default it listens on 127.0.0.1 only', async () => {
    const broker = await startBroker();
    expect(broker.host).toBe('127.0.0.1');
    expect(broker.auth).toBe(false);
  });
});

describe('users from a mosquitto_passwd file', () => {
  test('the right password connects; a wrong one gets "not authorised" and is logged with the address', async () => {
    const broker = await startBroker({ host: '0.0.0.0', anonymous: false, ...files() });
    const args = (password: string) => ['-p', String(broker.port), '-u', 'bob', '-P', password, '-t', 't', '-m', 'x'];
    expect((await run('mosquitto_pub', args('bob-pw'))).code).toBe(0);
    const wrong = await run('mosquitto_pub', args('nope'));
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/not authori[sz]ed/i);
    const anonymous = await run('mosquitto_pub', ['-p', String(broker.port), '-t', 't', '-m', 'x']);
    expect(anonymous.stderr).toMatch(/not authori[sz]ed/i);
    expect(broker.refused().map((r) => r.reason)).toEqual([
      'wrong user name or password (user "bob")',
      'anonymous access is off',
    ]);
    expect(broker.refused()[0]!.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  test('anonymous clients from this computer are let in unless turned off', async () => {
    const broker = await startBroker({ host: '0.0.0.0', ...files() });
    expect((await run('mosquitto_pub', ['-p', String(broker.port), '-t', 't', '-m', 'x'])).code).toBe(0);
  });

  test('the configured user logs in alongside the file users', async () => {
    const broker = await startBroker({ host: '0.0.0.0', username: 'hub', password: 's3cret', ...files() });
    const url = `mqtt://127.0.0.1:${broker.port}`;
    expect(await mqttClient(url, { username: 'hub', password: 's3cret' })).not.toBeInstanceOf(Error);
    expect(await mqttClient(url, { username: 'alice', password: 'alice-pw' })).not.toBeInstanceOf(Error);
    expect(await mqttClient(url, { username: 'hub', password: 'alice-pw' })).toMatchObject({ code: 5 });
  });
});

describe('ACLs in acl_file syntax', () => {
  test('a denied subscription gets SUBACK 0x80; allowed ones in the same packet are granted', async () => {
    const broker = await startBroker(files(ACL));
    const raw = await rawClient(broker.port);
    raw.send({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: 'bob-raw',
      clean: true,
      keepalive: 30,
      username: 'bob',
      password: Buffer.from('bob-pw'),
    });
    await raw.next('connack');
    raw.send({
      cmd: 'subscribe',
      messageId: 3,
      subscriptions: [
        { topic: 'home/+/temperature', qos: 1 },
        { topic: 'home/#', qos: 1 },
        { topic: '$SYS/#', qos: 0 },
      ],
    });
    expect(((await raw.next('suback')) as ISubackPacket).granted).toEqual([1, 0x80, 0x80]);
    const sub = await run('mosquitto_sub', [
      ...['-p', String(broker.port), '-u', 'bob', '-P', 'bob-pw', '-t', 'home/#', '-W', '2'],
    ]);
    expect(sub.stderr).toMatch(/denied/i);
  });

  test('a denied publish never arrives; reads are filtered per delivery, also under a wide subscription', async () => {
    const broker = await startBroker(files(ACL));
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const observer = await connected(url, broker.internal);
    await observer.subscribeAsync('#');
    const alice = await connected(url, { username: 'alice', password: 'alice-pw' });
    await alice.subscribeAsync('home/#');

    const nothing = nextMessage(observer, 1500);
    const denied = await run('mosquitto_pub', [
      ...['-p', String(broker.port), '-u', 'bob', '-P', 'bob-pw', '-q', '1', '-t', 'home/door', '-m', 'bob was here'],
    ]);
    expect(denied.code).not.toBe(0); // the broker closed its connection instead of acknowledging
    expect(await nothing).toBeNull();

    const first = nextMessage(alice);
    await observer.publishAsync('home/secret/code', '1234');
    await observer.publishAsync('home/door', 'open');
    expect(await first).toEqual({ topic: 'home/door', payload: 'open' });
  });

  test('$SYS is never writable, even with an ACL entry that allows it, and not by Herald itself', async () => {
    const broker = await startBroker(files(ACL));
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const watcher = startSub(['-p', String(broker.port), '-u', 'alice', '-P', 'alice-pw', '-t', '$SYS/fake/#', '-v']);
    await new Promise((r) => setTimeout(r, 300));
    await run('mosquitto_pub', [
      '-p',
      String(broker.port),
      '-u',
      'alice',
      '-P',
      'alice-pw',
      '-t',
      '$SYS/fake/x',
      '-m',
      '1',
    ]);
    const internal = await connected(url, broker.internal);
    internal.publish('$SYS/fake/y', '2');
    await new Promise((r) => setTimeout(r, 500));
    watcher.stop();
    expect((await watcher.result).stdout).toBe('');
  });
});

describe('a flood of connections', () => {
  test('1,000 connections against a cap of 50 are refused at once, logged (bounded), and clients keep working', async () => {
    const broker = await startBroker({ maxConnections: 50 });
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const steady = await connected(url);
    await steady.subscribeAsync('steady');

    const sockets: Socket[] = [];
    let closed = 0;
    for (let i = 0; i < 1000; i++) {
      const socket = connectTcp(broker.port, '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => {});
      socket.once('close', () => closed++);
    }
    try {
      // The cap holds the first ones open (they have not said CONNECT yet); every other one is closed.
      await waitFor('the flood refused', () => closed >= 1000 - 49, 15_000);
      const received = nextMessage(steady);
      await steady.publishAsync('steady', 'still fine');
      expect(await received).toEqual({ topic: 'steady', payload: 'still fine' });
      expect(broker.refused()).toHaveLength(100);
      expect(broker.refused()[0]).toMatchObject({
        address: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        reason: 'connection limit of 50 reached',
      });
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    // Once the flood is gone, new clients get in again.
    await new Promise((r) => setTimeout(r, 200));
    expect(await mqttClient(url)).not.toBeInstanceOf(Error);
  });
});
