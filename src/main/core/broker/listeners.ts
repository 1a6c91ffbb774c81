// The broker's network ends: MQTT over TCP (TLS when a certificate and key are given) and MQTT over WebSocket
// (WSS likewise). Every listener shares one connection cap, applied as a socket is accepted, before any MQTT is
// read, so a flood of connections costs a close each and never reaches aedes.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export interface ListenerOptions {
  host: string;
  tls?: TlsFiles;
  maxConnections: number;
  /** The largest WebSocket message accepted (an MQTT packet plus framing). */
  maxPacketBytes: number;
  /** Hands an accepted connection to the broker. */
  handle(stream: Duplex, req?: IncomingMessage): void;
  onRefused(address: string, reason: string): void;
}

export interface Listener {
  port: number;
  close(): Promise<void>;
}

/** Counts open connections across listeners and refuses those over the cap. */
export class ConnectionCap {
  private readonly sockets = new Set<Socket>();
  private readonly options: Pick<ListenerOptions, 'maxConnections' | 'onRefused'>;

  constructor(options: Pick<ListenerOptions, 'maxConnections' | 'onRefused'>) {
    this.options = options;
  }

  admit(socket: Socket): boolean {
    if (this.sockets.size >= this.options.maxConnections) {
      this.options.onRefused(
        `${socket.remoteAddress}:${socket.remotePort}`,
        `connection limit of ${this.options.maxConnections} reached`,
      );
      socket.destroy();
      return false;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return true;
  }

  get open(): number {
    return this.sockets.size;
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

export async function listenTcp(options: ListenerOptions, cap: ConnectionCap, port: number): Promise<Listener> {
  // Without noDelay, a QoS 1 stream pays a delayed-ACK wait (~40 ms) per message (Nagle).
  const admit = (socket: Socket): boolean => {
    if (!cap.admit(socket)) return false;
    socket.setNoDelay(true);
    return true;
  };
  let server: Server;
  if (options.tls) {
    const tls = createTlsServer({ ...options.tls });
    // The cap counts raw sockets, so a flood of TLS handshakes is refused before any cryptography.
    tls.on('connection', admit);
    tls.on('secureConnection', (socket: Socket) => options.handle(socket));
    // A handshake that fails never becomes a connection; say why (unknown CA, plain MQTT on the TLS port...).
    tls.on('tlsClientError', (err, socket) =>
      options.onRefused(`${socket.remoteAddress}:${socket.remotePort}`, `TLS: ${err.message}`),
    );
    server = tls;
  } else {
    server = createNetServer((socket) => {
      if (admit(socket)) options.handle(socket);
    });
  }
  return { port: await listen(server, port, options.host), close: () => closeServer(server) };
}

export async function listenWebSocket(
  options: ListenerOptions,
  cap: ConnectionCap,
  port: number,
  path: string,
): Promise<Listener> {
  const http: HttpServer = options.tls ? createHttpsServer({ ...options.tls }) : createHttpServer();
  http.on('connection', (socket: Socket) => {
    if (cap.admit(socket)) socket.setNoDelay(true);
  });
  // MQTT over WebSocket speaks the `mqtt` subprotocol; ws picks the first one a client offers.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPacketBytes + 16 });
  wss.on('connection', (ws, req: IncomingMessage) => options.handle(createWebSocketStream(ws), req));
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Anything but the broker's path gets an answer, not a connection left hanging.
    if (new URL(req.url ?? '/', 'http://broker').pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  // Plain HTTP requests: this port serves MQTT over WebSocket only.
  http.on('request', (_req, res) => res.writeHead(426, { Connection: 'close' }).end('MQTT over WebSocket only\n'));
  const bound = await listen(http, port, options.host);
  return {
    port: bound,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(http);
    },
  };
}

export function listen(server: Server, port: number, host: string): Promise<number> {
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
