// Browser mode: serves the built renderer and carries the contract over a WebSocket. Every request needs the
// run's random token (in the URL once, then an HttpOnly cookie), so other local users and web pages can't
// read the inbox.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PATH, BridgeRequestFrame, type BridgeFrame } from '../../../shared/bridge-protocol.ts';
import { dispatch } from '../../../shared/contract.ts';
import type { HeraldCore } from '../core-api.ts';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveRendererFile } from '../renderer-files.ts';
import { frameBytes } from '../ws-frames.ts';

export interface WebServerOptions {
  core: HeraldCore;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  host: string;
  port: number;
  token?: string;
}

export interface RunningWebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'herald_token';
/** A browser that stops reading is cut off rather than allowed to grow our memory without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.rendererDir);

  const authorized = (req: IncomingMessage, url: URL): boolean =>
    sameSecret(url.searchParams.get('token'), token) || sameSecret(cookieValue(req, COOKIE), token);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Webhooks carry their own per-hook token instead of the UI's.
    if (url.pathname.startsWith('/hook/')) return void options.core.hooks.handle(req, res, url);
    if (!authorized(req, url)) return refuse(res);
    if (url.searchParams.has('token')) {
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    serveStatic(root, url.pathname, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    const sameOrigin = !origin || new URL(origin).host === req.headers.host;
    if (url.pathname !== BRIDGE_PATH || !authorized(req, url) || !sameOrigin) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveBridge(ws, options.core));
  });

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  const unserveHooks = options.core.hooks.serve();
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostInUrl}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unserveHooks();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function serveBridge(ws: WebSocket, core: HeraldCore): void {
  const send = (frame: BridgeFrame) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(frame));
  };
  const unsubscribe = core.onAny((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    let frame: BridgeRequestFrame;
    try {
      if (isBinary) throw new Error('binary frame');
      frame = BridgeRequestFrame.parse(JSON.parse(frameBytes(data).toString('utf8')));
    } catch {
      ws.close(1003, 'malformed request frame');
      return;
    }
    // dispatch never rejects: every failure becomes an error reply.
    void dispatch(core.handlers, frame.channel, frame.payload).then((reply) =>
      send({ type: 'reply', id: frame.id, reply }),
    );
  });
}

async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  let file = resolveRendererFile(root, pathname);
  if (!file) return void res.writeHead(404).end('not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    // Client-side routes fall back to the app; missing assets are a real 404.
    if (extname(file)) return void res.writeHead(404).end('not found');
    file = join(root, 'index.html');
    body = await readFile(file);
  }
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': extname(file) === '.html' ? 'no-store' : 'public, max-age=3600',
  });
  res.end(body);
}

function refuse(res: ServerResponse): void {
  res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Herald: this address needs the token printed by `herald serve` (open the full URL it printed).\n');
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
