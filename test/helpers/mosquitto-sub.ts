// The real mosquitto_sub as a witness of what reached the broker: each message as topic, QoS, retain flag,
// MQTT 5 properties and payload. Resolves once the subscription is acknowledged; stopped after each test.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eventually } from './core.ts';
import { mosquittoPubOne } from './mosquitto.ts';

export interface Received {
  topic: string;
  qos: number;
  retain: boolean;
  contentType: string;
  userProperties: string;
  payload: string;
}

export interface Subscriber {
  received: Received[];
  /** Waits until `count` messages arrived (10 s at most). */
  waitFor(count: number): Promise<Received[]>;
}

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

const MARK = 'MSG\u0001';

export async function mosquittoSub(port: number, filter: string, options: { v5?: boolean } = {}): Promise<Subscriber> {
  const format = `${MARK}%t\u0001%q\u0001%r\u0001${options.v5 ? '%C' : ''}\u0001${options.v5 ? '%P' : ''}\u0001%p`;
  // A second filter of its own: probes published there until one arrives prove the subscription is up.
  const probe = `herald-probe/${randomUUID()}`;
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', filter, '-t', probe, '-q', '2', '-F', format];
  if (options.v5) args.push('-V', 'mqttv5');
  const child = spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const received: Received[] = [];
  let subscribed = false;
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith(MARK)) continue;
      if (line.startsWith(`${MARK}${probe}\u0001`)) {
        subscribed = true;
        continue;
      }
      const [topic, qos, retain, contentType, userProperties, ...payload] = line.slice(MARK.length).split('\u0001');
      received.push({
        topic: topic!,
        qos: Number(qos),
        retain: retain === '1',
        contentType: contentType!,
        userProperties: userProperties!,
        payload: payload.join('\u0001'),
      });
    }
  });
  await eventually('mosquitto_sub subscribed', async () => {
    if (!subscribed && child.exitCode === null) await mosquittoPubOne(port, probe, 'probe');
    return subscribed || child.exitCode !== null;
  });
  if (!subscribed) throw new Error(`mosquitto_sub exited with ${child.exitCode}`);
  return {
    received,
    waitFor: (count) => eventually(`${count} messages at mosquitto_sub`, () => received.length >= count && received),
  };
}
