// A small Gotify server for tests, written from Gotify's documented behaviour (see
// /work/shared/notes/push-protocols.md): `/stream` WebSocket with one MessageExternal JSON text frame per
// new message and server pings; `GET /message` paging backwards (ids below `since`, newest first, paging.since
// 0 on the last page); `GET /application`; client tokens via ?token=, X-Gotify-Key or Bearer, with Gotify's
// JSON errors. Messages are kept until deleted, across restarts, like Gotify's database.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GotifyAppInfo {
  id: number;
  name: string;
  image?: string;
  defaultPriority?: number;
}

export interface GotifyPublish {
  title?: string;
  message: string;
  priority?: number;
  extras?: Record<string, unknown>;
}

export type GotifyWireMessage = {
  id: number;
  appid: number;
  message: string;
  title: string;
  priority: number;
  extras?: Record<string, unknown>;
  date: string;
};

export interface GotifyServerOptions {
  port?: number;
  pingMs?: number;
  clientTokens?: string[];
  apps?: GotifyAppInfo[];
}

const UNAUTHORIZED = {
  error: 'Unauthorized',
  errorCode: 401,
  errorDescription: 'you need to provide a valid access token or user credentials to access this api',
};

export class GotifyTestServer {
  readonly requests: { path: string; query: Record<string, string>; token?: string }[] = [];
  readonly messages: GotifyWireMessage[] = [];
  private readonly apps: GotifyAppInfo[];
  private readonly tokens: string[];
  private readonly pingMs: number;
  private readonly clients = new Set<WebSocket>();
  private readonly frozen = new WeakSet<WebSocket>();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private nextId = 1;
  port = 0;
  /** `GET /application` answers 500 while true. */
  applicationsBroken = false;
  /** Runs as a `GET /message` page is requested, before it is read: to publish "during" a catch-up. */
  onPage: ((since: number) => void) | null = null;

  private constructor(options: GotifyServerOptions) {
    this.apps = [...(options.apps ?? [{ id: 1, name: 'Backups', image: 'image/backups.png' }])];
    this.tokens = options.clientTokens ?? ['CtestClientToken'];
    this.pingMs = options.pingMs ?? 45_000;
  }

  static async start(options: GotifyServerOptions = {}): Promise<GotifyTestServer> {
    const server = new GotifyTestServer(options);
    await server.listen(options.port ?? 0);
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get streamClients(): number {
    return [...this.clients].filter((c) => !this.frozen.has(c)).length;
  }

  addApp(app: GotifyAppInfo): void {
    this.apps.push(app);
  }

  /** `POST /message` with an application token: stored, then pushed to every stream. */
  publish(appid: number, input: GotifyPublish): GotifyWireMessage {
    const app = this.apps.find((a) => a.id === appid);
    const message: GotifyWireMessage = {
      id: this.nextId++,
      appid,
      message: input.message,
      title: input.title || (app?.name ?? ''),
      priority: input.priority ?? app?.defaultPriority ?? 0,
      ...(input.extras ? { extras: input.extras } : {}),
      date: new Date().toISOString().replace('Z', '000+00:00'),
    };
    this.messages.push(message);
    this.broadcast(JSON.stringify(message));
    return message;
  }

  /** Sends a raw frame to every stream (garbage, binary, oversized). */
  sendRaw(data: string | Buffer, binary = false): void {
    this.broadcast(data, binary);
  }

  /** The current streams go silent: no frames, no pings, and their pings go unanswered (half-open). */
  freeze(): void {
    for (const client of this.clients) {
      this.frozen.add(client);
      (client as unknown as { _socket: Duplex })._socket.pause();
    }
  }

  /** Kills the server: every connection is cut. Messages stay (Gotify keeps them in its database). */
  async stop(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
    for (const client of this.clients) client.terminate();
    this.clients.clear();
    this.wss?.close();
    this.wss = null;
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  async restart(): Promise<void> {
    await this.listen(this.port);
  }

  private broadcast(data: string | Buffer, binary = false): void {
    for (const client of this.clients) if (!this.frozen.has(client)) client.send(data, { binary });
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 });
    server.on('upgrade', (req, socket, head) => this.upgrade(wss, req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.wss = wss;
    this.port = (server.address() as { port: number }).port;
    this.pinger = setInterval(() => {
      for (const client of this.clients) if (!this.frozen.has(client)) client.ping();
    }, this.pingMs);
  }

  private record(req: IncomingMessage): { url: URL; authorized: boolean } {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    const key = req.headers['x-gotify-key'];
    const token = url.searchParams.get('token') ?? (typeof key === 'string' ? key : undefined) ?? bearer;
    this.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), token });
    return { url, authorized: token !== undefined && this.tokens.includes(token) };
  }

  private upgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { url, authorized } = this.record(req);
    if (url.pathname !== '/stream' || !authorized) {
      const status = url.pathname !== '/stream' ? '404 Not Found' : '401 Unauthorized';
      const body = JSON.stringify(url.pathname !== '/stream' ? { error: 'Not Found', errorCode: 404 } : UNAUTHORIZED);
      socket.end(
        `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Connection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => {
      this.clients.add(client);
      client.on('close', () => this.clients.delete(client));
      client.on('error', () => client.terminate());
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const { url, authorized } = this.record(req);
    if (!authorized) return json(res, 401, UNAUTHORIZED);
    if (req.method === 'GET' && url.pathname === '/application') {
      if (this.applicationsBroken) return json(res, 500, { error: 'Internal Server Error', errorCode: 500 });
      return json(
        res,
        200,
        this.apps.map((a) => ({
          id: a.id,
          token: `A${a.id}secretAppToken`,
          name: a.name,
          description: '',
          internal: false,
          image: a.image ?? 'static/defaultapp.png',
          defaultPriority: a.defaultPriority ?? 0,
          lastUsed: null,
        })),
      );
    }
    if (req.method === 'GET' && url.pathname === '/message') return this.page(url, res);
    json(res, 404, { error: 'Not Found', errorCode: 404, errorDescription: 'page not found' });
  }

  /** api/message.go GetMessages + buildWithPaging: limit+1 rows tell whether there is a next page. */
  private page(url: URL, res: ServerResponse): void {
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const since = Number(url.searchParams.get('since') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !Number.isInteger(since) || since < 0) {
      return json(res, 400, { error: 'Bad Request', errorCode: 400, errorDescription: 'invalid paging parameters' });
    }
    this.onPage?.(since);
    const rows = this.messages
      .filter((m) => since === 0 || m.id < since)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit + 1);
    const used = rows.length > limit ? rows.slice(0, limit) : rows;
    const nextSince = rows.length > limit ? used.at(-1)!.id : 0;
    json(res, 200, {
      paging: {
        size: used.length,
        limit,
        since: nextSince,
        ...(nextSince ? { next: `/message?limit=${limit}&since=${nextSince}` } : {}),
      },
      messages: used,
    });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
