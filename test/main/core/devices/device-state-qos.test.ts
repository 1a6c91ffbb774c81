// Device state that arrives at QoS 2 (the source's own filter covers the device's topics) goes to the device,
// not the inbox, and its exactly-once bookkeeping still completes: nothing is left in flight, nothing stored.
import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands } from '../../../../src/shared/contract.ts';
import { INBOX_FILE } from '../../../../src/main/core/herald-core.ts';
import { startMosquitto, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { publishRetained } from './broker-tools.ts';

let mosquitto: Mosquitto;
let dir: ReturnType<typeof tempDir>;
let test: TestCore;

beforeAll(async () => {
  mosquitto = await startMosquitto();
  dir = tempDir();
  const config = { name: 'Lamp', cmd_t: 'home/lamp/set', stat_t: 'home/lamp/state', dev: { ids: 'lamp' } };
  await publishRetained(mosquitto.port, 'homeassistant/sensor/lamp/config', JSON.stringify(config));
  test = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: mosquitto.url, topics: [{ filter: 'home/#', qos: 2 }] }],
  });
}, 20_000);

afterAll(async () => {
  await test?.stop();
  await mosquitto?.stop();
  dir?.remove();
});

/** Publishes each line at QoS 2 with mosquitto_pub. */
function publishQos2(topic: string, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(mosquitto.port),
      '-t',
      topic,
      '-q',
      '2',
      '-l',
    ]);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited ${code}`))));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

it('keeps QoS 2 device state out of the inbox and releases every packet', async () => {
  const value = async () =>
    (await test.core.handlers['devices.list']({})).devices[0]?.entities.find((e) => e.name === 'Lamp')?.value;
  await eventually('the lamp', async () => (await value()) !== undefined);
  await publishQos2('home/lamp/state', ['1', '2', '3', '42']);
  await publishQos2('home/note', ['a real message']);
  await eventually('the last state', async () => (await value()) === '42');
  const list = () => test.core.handlers['inbox.list'](commands['inbox.list'].request.parse({}));
  await eventually('the note', async () => (await list()).items.length === 1);
  expect((await list()).items.map((m) => m.topic)).toEqual(['home/note']);
  const db = new DatabaseSync(join(dir.path, INBOX_FILE), { readOnly: true });
  try {
    await eventually('no packet in flight', () =>
      (db.prepare('SELECT count(*) AS n FROM mqtt_inflight').get() as { n: number }).n === 0 ? true : null,
    );
    expect(
      (db.prepare("SELECT count(*) AS n FROM messages WHERE topic LIKE 'home/lamp%'").get() as { n: number }).n,
    ).toBe(0);
  } finally {
    db.close();
  }
});
