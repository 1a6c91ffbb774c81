// Brokers for MQTT tests beyond test/helpers/mosquitto.ts: an embedded aedes with hooks, a Mosquitto whose
// persistence folder outlives restarts on the same port, a server that accepts and never answers, and
// mosquitto log lines for counting connection attempts. Everything listens on 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes, type AedesOptions } from 'aedes';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto.ts';

export interface AedesBroker {
  aedes: Aedes;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startAedes(options: AedesOptions = {}): Promise<AedesBroker> {
  const aedes = await Aedes.createBroker(options);
  const sockets = new Set<Socket>();
  const server: Server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    aedes,
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Accepts TCP connections and never says a word: a broker that hangs, or the wrong kind of server. */
export async function startSilentServer(): Promise<{
  port: number;
  connections: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Mosquitto that logs connections (to count attempts): `lines()` is its log so far. */
export async function startLoggingMosquitto(
  extraConfig: string[] = [],
  port?: number,
): Promise<Mosquitto & { lines(): string[] }> {
  const broker = await startMosquitto({
    port,
    extraConfig: ['log_type notice', 'log_type information', ...extraConfig],
  });
  let log = '';
  broker.process.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return { ...broker, lines: () => log.split('\n').filter(Boolean) };
}

/**
 * Mosquitto with persistence in a folder that survives stop/start on the same port, like a broker restarted
 * by its service manager. stop() is a clean shutdown (SIGTERM), which is when Mosquitto saves its database.
 */
export class PersistentMosquitto {
  readonly dir = mkdtempSync(join(tmpdir(), 'herald-mosquitto-data-'));
  port = 0;
  /** With logPackets: every packet Mosquitto sent and received, across all its runs, in order. */
  readonly log: string[] = [];
  private running: Mosquitto | null = null;
  private readonly extraConfig: string[];

  constructor(extraConfig: string[] = [], options: { logPackets?: boolean } = {}) {
    this.extraConfig = options.logPackets ? ['log_type all', ...extraConfig] : extraConfig;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  get process(): Mosquitto['process'] | undefined {
    return this.running?.process;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = await startMosquitto({
      port: this.port || undefined,
      extraConfig: [
        'persistence true',
        `persistence_location ${this.dir}/`,
        'autosave_interval 0',
        ...this.extraConfig,
      ],
    });
    this.port = this.running.port;
    let partial = '';
    this.running.process.stderr?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      this.log.push(...lines);
    });
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) {
      // Its last log lines may still be in the pipe when it exits: wait for the end of its stderr, so the next
      // run's lines come after them in the log (the packet order is what the tests read).
      const stderr = running.process.stderr;
      const drained =
        stderr && !stderr.closed ? new Promise<void>((done) => stderr.once('close', () => done())) : Promise.resolve();
      // A stopped (SIGSTOP) broker only handles SIGTERM once it runs again.
      running.process.kill('SIGCONT');
      await running.stop();
      await drained;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Sets (or with null clears) the retained message of a topic, with the real mosquitto_pub. */
export function publishRetained(port: number, topic: string, payload: string | null): void {
  const body = payload === null ? ['-n'] : ['-m', payload];
  execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-r', ...body]);
}

/**
 * A TCP relay whose open connections can be frozen: bytes stop flowing both ways but the sockets stay open,
 * as after a laptop slept or a NAT forgot the connection. New connections still get through.
 */
export async function startFreezableProxy(
  targetPort: number,
): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    for (const socket of pair) {
      socket.on('error', () => {});
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
        pairs.delete(pair);
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    freeze() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    async close() {
      server.close();
      for (const [client, upstream] of [...pairs]) {
        client.destroy();
        upstream.destroy();
      }
    },
  };
}
