// Retained messages and persistent sessions survive a restart of the broker (as when Herald restarts), with
// mosquitto_pub/mosquitto_sub as the clients.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startEmbeddedBroker, type RunningBroker } from '../../../../src/main/core/broker/embedded-broker.ts';
import { tempDir } from '../../../helpers/core.ts';
import { freePort } from '../../../helpers/ports.ts';
import { run } from './broker-helpers.ts';

const dirs: { remove(): void }[] = [];
const brokers: RunningBroker[] = [];
afterEach(async () => {
  for (const broker of brokers.splice(0)) await broker.close();
  dirs.splice(0).forEach((d) => d.remove());
});

function stateFile(): string {
  const dir = tempDir('herald-broker-state-');
  dirs.push(dir);
  return join(dir.path, 'broker-state.json');
}

async function start(file: string, port: number): Promise<RunningBroker> {
  const broker = await startEmbeddedBroker({ port, stateFile: file });
  brokers.push(broker);
  return broker;
}

async function restart(broker: RunningBroker, file: string): Promise<RunningBroker> {
  brokers.splice(brokers.indexOf(broker), 1);
  await broker.close();
  return start(file, broker.port);
}

const p = (broker: RunningBroker) => ['-p', String(broker.port)];

describe('broker state across a restart', () => {
  test('retained messages are still there; a cleared one stays cleared', async () => {
    const file = stateFile();
    let broker = await start(file, await freePort());
    await run('mosquitto_pub', [...p(broker), '-r', '-q', '1', '-t', 'home/door', '-m', 'closed']);
    await run('mosquitto_pub', [...p(broker), '-r', '-q', '1', '-t', 'home/old', '-m', 'gone soon']);
    await run('mosquitto_pub', [...p(broker), '-r', '-q', '1', '-t', 'home/old', '-n']);
    broker = await restart(broker, file);
    const sub = await run('mosquitto_sub', [...p(broker), '-t', 'home/#', '-v', '-W', '1']);
    expect(sub.stdout).toBe('home/door closed\n');
  });

  test('a persistent session keeps its subscription and the QoS 1 messages queued while it was away', async () => {
    const file = stateFile();
    let broker = await start(file, await freePort());
    const session = ['-c', '-i', 'night-shift', '-q', '1', '-t', 'alerts/#', '-v'];
    // Subscribe once, then go away.
    await run('mosquitto_sub', [...p(broker), ...session, '-W', '1']);
    await run('mosquitto_pub', [...p(broker), '-q', '1', '-t', 'alerts/1', '-m', 'before restart']);
    broker = await restart(broker, file);
    await run('mosquitto_pub', [...p(broker), '-q', '1', '-t', 'alerts/2', '-m', 'after restart']);
    const back = await run('mosquitto_sub', [...p(broker), ...session, '-C', '2', '-W', '3']);
    expect(back.stdout).toBe('alerts/1 before restart\nalerts/2 after restart\n');
  });

  test('a damaged state file is set aside and the broker starts empty', async () => {
    const file = stateFile();
    writeFileSync(file, '{ not json');
    const broker = await start(file, await freePort());
    expect(broker.port).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(join(file, '..')).some((name) => name.startsWith('broker-state.json.unreadable-'))).toBe(true);
  });
});
