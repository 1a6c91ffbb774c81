// Real clients against the embedded broker: raw MQTT packets over a socket (mqtt-packet), mqtt.js, and Debian's
// mosquitto_pub/mosquitto_sub as processes. Everything started here is stopped after the test.
import { spawn } from 'node:child_process';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectMqtt, type IClientOptions, type MqttClient } from 'mqtt';
import { generate, parser, type Packet } from 'mqtt-packet';
import { afterEach } from 'vitest';
import {
  startEmbeddedBroker,
  type EmbeddedBrokerOptions,
  type RunningBroker,
} from '../../../../src/main/core/broker/embedded-broker.ts';
import { freePort } from '../../../helpers/ports.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

export async function startBroker(options: Partial<EmbeddedBrokerOptions> = {}): Promise<RunningBroker> {
  const broker = await startEmbeddedBroker({ port: await freePort(), ...options });
  cleanups.push(() => broker.close());
  return broker;
}

export interface RawClient {
  socket: Socket;
  /** Every packet the broker sent, parsed. */
  packets: Packet[];
  send(packet: Packet): void;
  /** The next packet of this type (waits up to 5 s). */
  next(cmd: Packet['cmd']): Promise<Packet>;
  /** Resolves when the broker closed the connection (waits up to `ms`). */
  closed(ms?: number): Promise<boolean>;
  /** The raw bytes received so far. */
  bytes(): Buffer;
}

/** A socket speaking MQTT packets by hand, for what no well-behaved client library sends. */
export async function rawClient(port: number, protocolVersion = 4): Promise<RawClient> {
  const socket = connectTcp(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => {});
  cleanups.push(() => void socket.destroy());
  const received = parser({ protocolVersion });
  const packets: Packet[] = [];
  const chunks: Buffer[] = [];
  received.on('packet', (packet: Packet) => packets.push(packet));
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received.parse(chunk);
  });
  const isClosed = new Promise<true>((resolve) => socket.once('close', () => resolve(true)));
  return {
    socket,
    packets,
    send: (packet) => socket.write(generate(packet, { protocolVersion })),
    next: (cmd) => waitFor(`a ${cmd} packet`, () => packets.find((p) => p.cmd === cmd)),
    closed: (ms = 5000) => Promise.race([isClosed, new Promise<false>((r) => setTimeout(() => r(false), ms))]),
    bytes: () => Buffer.concat(chunks),
  };
}

/** Connects with mqtt.js; resolves to the client once connected, or to the error that refused it. */
export function mqttClient(url: string, options: IClientOptions = {}): Promise<MqttClient | Error> {
  return new Promise((resolve) => {
    const client = connectMqtt(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
    cleanups.push(() => new Promise<void>((r) => client.end(true, {}, () => r())));
    client.once('connect', () => resolve(client));
    client.once('error', (err) => resolve(err));
    client.once('close', () => resolve(new Error('the connection closed before CONNACK')));
  });
}

export async function connected(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  const client = await mqttClient(url, options);
  if (client instanceof Error) throw client;
  return client;
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a mosquitto tool to completion (10 s at most; `-W` bounds mosquitto_sub itself). */
export function run(command: string, args: string[], timeoutMs = 10_000): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts mosquitto_sub in the background; `result` settles when it exits. */
export function startSub(args: string[]): { result: Promise<ProcessResult>; stop(): void; output(): string } {
  const child = spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<ProcessResult>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  cleanups.push(async () => {
    stop();
    await result;
  });
  return { result, stop, output: () => stdout };
}

export async function waitFor<T>(what: string, check: () => T | undefined | null | false, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Resolves with the next message on `topic` the client receives, or null after `ms`. */
export function nextMessage(client: MqttClient, ms = 2000): Promise<{ topic: string; payload: string } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('message', onMessage);
      resolve(null);
    }, ms);
    const onMessage = (topic: string, payload: Buffer) => {
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve({ topic, payload: payload.toString() });
    };
    client.on('message', onMessage);
  });
}
