// The hooks Herald's web server answers at POST /hook/NAME, each put there by a webhook source while it runs.
// Refusals say nothing about why beyond the status (an unknown name and a wrong token look the same), bodies
// are capped, and each hook has its own rate limit.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Larger bodies are refused (413) without being read. */
export const MAX_HOOK_BODY_BYTES = 1024 * 1024;

export interface HookTarget {
  /** The token a post must carry; undefined refuses every post. */
  token: string | undefined;
  allowRemote: boolean;
  perMinute: number;
  /** Stores what was posted; resolves once it is in the inbox. */
  deliver(body: Buffer, contentType: string | undefined): Promise<void>;
}

/** A body the hook cannot use (not JSON although it says so, no message): the reason goes back as 400. */
export class HookBodyError extends Error {}

export class WebhookHub {
  private readonly hooks = new Map<string, { target: HookTarget; window: number; count: number }>();
  private servers = 0;
  private readonly watchers = new Set<() => void>();

  /** A web server answers the hooks until the returned function is called. */
  serve(): () => void {
    this.servers++;
    this.changed();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.servers--;
      this.changed();
    };
  }

  /** True while some web server answers /hook/NAME (headless); the app alone has none. */
  get served(): boolean {
    return this.servers > 0;
  }

  /** Calls `onChange` whenever `served` may have changed; returns the function that stops it. */
  watch(onChange: () => void): () => void {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }

  private changed(): void {
    for (const watcher of this.watchers) watcher();
  }

  /** Registers a hook; returns the function that removes it. A second hook of the same name replaces the first. */
  register(name: string, target: HookTarget): () => void {
    const entry = { target, window: 0, count: 0 };
    this.hooks.set(name, entry);
    return () => {
      if (this.hooks.get(name) === entry) this.hooks.delete(name);
    };
  }

  /** Answers one request for /hook/NAME. Never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, now = Date.now()): Promise<void> {
    const reply = (status: number, text: string, headers: Record<string, string> = {}) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers, Connection: 'close' });
      res.end(`${text}\n`);
    };
    if (req.method !== 'POST') return reply(405, 'use POST', { Allow: 'POST' });
    const entry = this.hooks.get(decodeURIComponent(url.pathname.slice('/hook/'.length)));
    if (!entry || !entry.target.token || !sameSecret(tokenOf(req, url), entry.target.token)) {
      return reply(401, 'unauthorized');
    }
    if (!entry.target.allowRemote && !isLoopback(req.socket.remoteAddress)) return reply(403, 'forbidden');
    const minute = Math.floor(now / 60_000);
    if (entry.window !== minute) Object.assign(entry, { window: minute, count: 0 });
    if (++entry.count > entry.target.perMinute) {
      return reply(429, 'too many requests', { 'Retry-After': String(60 - Math.floor((now / 1000) % 60)) });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_HOOK_BODY_BYTES) return reply(413, `the body is over ${MAX_HOOK_BODY_BYTES} bytes`);
    const body = await readCapped(req);
    if (body === null) return reply(413, `the body is over ${MAX_HOOK_BODY_BYTES} bytes`);
    try {
      await entry.target.deliver(body, req.headers['content-type']);
      reply(200, 'ok');
    } catch (err) {
      if (err instanceof HookBodyError) return reply(400, err.message);
      reply(503, 'the message could not be stored; try again');
    }
  }
}

function tokenOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token');
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

/** The request body, or null once it passes the cap (the rest is not read: the connection is closed). */
function readCapped(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_HOOK_BODY_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    // A broken upload: the answer goes nowhere, so what it says hardly matters.
    req.once('error', () => resolve(null));
  });
}
