// Starts a real Mosquitto (Debian package) on a free 127.0.0.1 port for one test file, and publishes with
// the real mosquitto_pub. Every start is paired with a stop; the config dir is temporary.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCerts, type TestCerts } from '../reliability/helpers/certs.ts';
import { freePort } from './ports.ts';

export interface Mosquitto {
  port: number;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /** Lines appended to the generated mosquitto.conf (e.g. password_file). */
  extraConfig?: string[];
  port?: number;
}

export function mosquittoAvailable(): boolean {
  return spawnSync('mosquitto', ['-h']).error === undefined;
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-mosquitto-'));
  const port = options.port ?? (await freePort());
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'user root',
      'persistence false',
      'set_tcp_nodelay true',
      'max_queued_messages 0',
      'log_dest stderr',
      'log_type error',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForPort(port, () => (child.exitCode !== null ? `mosquitto exited: ${stderr}` : null));
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Mosquitto that requires a login, with a password file written by Debian's mosquitto_passwd. */
export async function startMosquittoWithUsers(users: Record<string, string>): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-passwd-'));
  const file = join(dir, 'passwd');
  Object.entries(users).forEach(([name, password], i) =>
    execFileSync('mosquitto_passwd', ['-b', ...(i === 0 ? ['-c'] : []), file, name, password]),
  );
  const broker = await startMosquitto({ extraConfig: ['allow_anonymous false', `password_file ${file}`] });
  return {
    ...broker,
    async stop() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Mosquitto speaking MQTT over TLS with a certificate from a throwaway CA (certs.caFile to trust it). */
export async function startTlsMosquitto(): Promise<{
  broker: Mosquitto;
  certs: TestCerts;
  url: string;
  stop(): Promise<void>;
}> {
  const certs = makeTestCerts();
  const broker = await startMosquitto({
    extraConfig: [`cafile ${certs.caFile}`, `certfile ${certs.serverCertFile}`, `keyfile ${certs.serverKeyFile}`],
  });
  return {
    broker,
    certs,
    url: `mqtts://127.0.0.1:${broker.port}`,
    async stop() {
      await broker.stop();
      certs.remove();
    },
  };
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port; gives up after ~5 s. */
export async function waitForPort(port: number, failed: () => string | null = () => null): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const problem = failed();
    if (problem) throw new Error(problem);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** Publishes each line of `messages` as one message with the real mosquitto_pub (-l reads stdin). */
export function mosquittoPub(port: number, topic: string, messages: string[], qos: 0 | 1 | 2 = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'mosquitto_pub',
      ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', String(qos), '-l'],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited ${code}: ${stderr}`)),
    );
    child.stdin.end(messages.join('\n') + '\n');
  });
}

/** Publishes one message (any bytes) with mosquitto_pub -s (payload from stdin). */
export function mosquittoPubOne(
  port: number,
  topic: string,
  payload: string | Buffer,
  qos: 0 | 1 | 2 = 0,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'mosquitto_pub',
      ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', String(qos), '-s'],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited ${code}: ${stderr}`)),
    );
    child.stdin.end(payload);
  });
}
