// The MQTT broker Herald can host itself (aedes). Loopback only unless the user opens it to the LAN, and then
// only with a username and password.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBrokerOptions {
  /** Preferred port; when it is taken another free port is used (and reported). */
  port: number;
  lan: boolean;
  username?: string;
  password?: string;
}

export interface RunningBroker {
  host: string;
  port: number;
  /** True when the preferred port was taken and another one was chosen. */
  movedFromPort: number | null;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

export class BrokerConfigError extends Error {}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<RunningBroker> {
  if (options.lan && !(options.username && options.password)) {
    throw new BrokerConfigError('the broker can be opened to the LAN only with a username and password');
  }
  const broker = await Aedes.createBroker({
    // One stuck subscriber must not stall delivery to everybody else.
    drainTimeout: 15_000,
    maxTopicLevels: 32,
    heartbeatInterval: 60_000,
    authenticate: options.lan
      ? (_client, username, password, done) => done(null, credentialsMatch(options, username, password))
      : (_client, _username, _password, done) => done(null, true),
  });
  const sockets = new Set<Socket>();
  // noDelay: otherwise a QoS 1 stream pays a delayed-ACK wait (~40 ms) per message.
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  const host = options.lan ? '0.0.0.0' : LOOPBACK;
  let port: number;
  let movedFromPort: number | null = null;
  try {
    port = await listen(server, options.port, host);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' && (err as NodeJS.ErrnoException).code !== 'EACCES') {
      await closeBroker(broker);
      throw err;
    }
    movedFromPort = options.port;
    port = await listen(server, 0, host);
  }
  return {
    host,
    port,
    movedFromPort,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeBroker(broker);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeBroker(broker: Aedes): Promise<void> {
  return new Promise((resolve) => broker.close(() => resolve()));
}

function credentialsMatch(options: EmbeddedBrokerOptions, username?: string, password?: Buffer): boolean {
  if (username !== options.username || !password || !options.password) return false;
  const expected = Buffer.from(options.password);
  return password.length === expected.length && timingSafeEqual(password, expected);
}
