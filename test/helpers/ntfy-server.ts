// A small ntfy server for tests, written from ntfy's documented wire format (see
// /work/shared/notes/push-protocols.md): `GET /<topics>/json` as an NDJSON stream (open event, cached
// messages, live ones, keepalives), `poll=1`, `since=` with ntfy's exact semantics (an unknown id falls back
// to everything cached), `id=` filter, Basic/Bearer auth with ntfy's JSON errors, v2.16 sequence updates,
// message_delete / message_clear, and poll_request. Publishing is a method call, not HTTP.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface NtfyPublish {
  title?: string;
  message?: string;
  priority?: number;
  tags?: string[];
  click?: string;
  icon?: string;
  actions?: Record<string, unknown>[];
  attachment?: { name: string; url: string; type?: string; size?: number; expires?: number };
  markdown?: boolean;
  sequenceId?: string;
  /** false = `Cache: no`: delivered live only, never replayed, no `expires`. */
  cache?: boolean;
  /** Cached but not sent to subscribers: what the origin holds when a relay sends a poll_request. */
  cacheOnly?: boolean;
  /** Publish time (Unix seconds) instead of now: a message from before a client subscribed. */
  at?: number;
}

export type NtfyWireMessage = Record<string, unknown> & { id: string; time: number; event: string; topic: string };

export interface NtfyServerOptions {
  port?: number;
  keepaliveMs?: number;
  /** Basic auth users (name → password); with users or tokens set, anonymous requests get 401. */
  users?: Record<string, string>;
  tokens?: string[];
  /** Topics every request is refused (403) for. */
  forbiddenTopics?: string[];
}

interface Subscriber {
  topics: Set<string>;
  res: ServerResponse;
  frozen: boolean;
}

const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CACHE_SECONDS = 12 * 3600;

export class NtfyTestServer {
  readonly requests: { path: string; query: Record<string, string>; authorization?: string }[] = [];
  private cache: NtfyWireMessage[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private readonly options: NtfyServerOptions;
  private server: Server | null = null;
  private keepaliveTimer: NodeJS.Timeout | null = null;
  private rateLimited = false;
  port = 0;

  private constructor(options: NtfyServerOptions) {
    this.options = options;
  }

  static async start(options: NtfyServerOptions = {}): Promise<NtfyTestServer> {
    const server = new NtfyTestServer(options);
    await server.listen(options.port ?? 0);
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get liveSubscribers(): number {
    return [...this.subscribers].filter((s) => !s.frozen).length;
  }

  publish(topic: string, input: NtfyPublish = {}): NtfyWireMessage {
    const message = this.newEvent('message', topic, input.cache !== false);
    if (input.at !== undefined) Object.assign(message, { time: input.at, expires: input.at + CACHE_SECONDS });
    Object.assign(message, {
      ...(input.title ? { title: input.title } : {}),
      message: input.message ?? 'triggered',
      ...(input.priority && input.priority !== 3 ? { priority: input.priority } : {}),
      ...(input.tags?.length ? { tags: input.tags } : {}),
      ...(input.click ? { click: input.click } : {}),
      ...(input.icon ? { icon: input.icon } : {}),
      ...(input.actions?.length ? { actions: input.actions } : {}),
      ...(input.attachment ? { attachment: input.attachment } : {}),
      ...(input.markdown ? { content_type: 'text/markdown' } : {}),
      ...(input.sequenceId ? { sequence_id: input.sequenceId } : {}),
    });
    if (input.cacheOnly) {
      this.cache.push(message);
      return message;
    }
    return this.emit(message, input.cache !== false);
  }

  /** `DELETE /<topic>/<sequence_id>`: a tombstone; the cache keeps every revision as well. */
  deleteSequence(topic: string, sequenceId: string): NtfyWireMessage {
    return this.emit({ ...this.newEvent('message_delete', topic, true), sequence_id: sequenceId }, true);
  }

  /** `PUT /<topic>/<sequence_id>/clear`: mark read and dismiss. */
  clearSequence(topic: string, sequenceId: string): NtfyWireMessage {
    return this.emit({ ...this.newEvent('message_clear', topic, true), sequence_id: sequenceId }, true);
  }

  /** What an upstream relay sends: "fetch message <pollId> of <topic> yourself". */
  pollRequest(topic: string, pollId: string): NtfyWireMessage {
    return this.emit({ ...this.newEvent('poll_request', topic, true), message: 'New message', poll_id: pollId }, true);
  }

  /** Removes a message from the cache, as `cache-duration` expiry would: its id becomes unknown. */
  expire(id: string): void {
    this.cache = this.cache.filter((m) => m.id !== id);
  }

  /** Writes raw bytes to every live stream (garbage, oversized lines). */
  sendRaw(data: string | Buffer): void {
    for (const s of this.subscribers) if (!s.frozen) s.res.write(data);
  }

  /** Stops writing anything (keepalives included) to the current streams, sockets left open: half-open. */
  freeze(): void {
    for (const s of this.subscribers) s.frozen = true;
  }

  /** Answer 429 (ntfy's subscription limit) to every request until called with false. */
  setRateLimited(on: boolean): void {
    this.rateLimited = on;
  }

  /** Kills the server: every connection is cut. The in-memory cache is lost too, as with ntfy's default. */
  async stop(options: { keepCache?: boolean } = {}): Promise<void> {
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = null;
    for (const s of this.subscribers) s.res.destroy();
    this.subscribers.clear();
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (!options.keepCache) this.cache = [];
  }

  /** Starts again on the same port. */
  async restart(): Promise<void> {
    await this.listen(this.port);
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    this.keepaliveTimer = setInterval(() => this.keepalive(), this.options.keepaliveMs ?? 45_000);
  }

  private newEvent(event: string, topic: string, cached: boolean): NtfyWireMessage {
    const time = Math.floor(Date.now() / 1000);
    const id = Array.from(randomBytes(12), (b) => ID_CHARS[b % ID_CHARS.length]).join('');
    return { id, time, ...(cached ? { expires: time + CACHE_SECONDS } : {}), event, topic };
  }

  private emit(message: NtfyWireMessage, cached: boolean): NtfyWireMessage {
    if (cached) this.cache.push(message);
    const line = `${JSON.stringify(message)}\n`;
    for (const s of this.subscribers) if (!s.frozen && s.topics.has(message.topic)) s.res.write(line);
    return message;
  }

  private keepalive(): void {
    for (const s of this.subscribers) {
      if (s.frozen) continue;
      const event = this.newEvent('keepalive', [...s.topics].join(','), false);
      s.res.write(`${JSON.stringify(event)}\n`);
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries([...url.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
    this.requests.push({ path: url.pathname, query, authorization: req.headers.authorization });
    const match = /^\/([^/]+)\/json$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) return error(res, 404, 40401, 'page not found');
    const topics = match[1]!.split(',');
    if (!topics.every((t) => TOPIC.test(t))) return error(res, 400, 40009, 'invalid topic');
    if (this.rateLimited) return error(res, 429, 42903, 'limit reached: too many active subscriptions');
    if (!this.authorized(req.headers.authorization)) return error(res, 401, 40101, 'unauthorized');
    if (topics.some((t) => this.options.forbiddenTopics?.includes(t))) return error(res, 403, 40301, 'forbidden');

    const poll = ['1', 'yes', 'true'].includes(query.poll ?? query['x-poll'] ?? '');
    const selected = this.cached(topics, query.since ?? (poll ? 'all' : 'none'), query.id);
    if (selected === null) return error(res, 400, 40008, 'invalid since parameter');
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
    if (poll) {
      res.end(selected.map((m) => `${JSON.stringify(m)}\n`).join(''));
      return;
    }
    // As ntfy does: the subscriber is registered before the cached messages go out.
    const subscriber: Subscriber = { topics: new Set(topics), res, frozen: false };
    this.subscribers.add(subscriber);
    res.on('close', () => this.subscribers.delete(subscriber));
    res.write(`${JSON.stringify(this.newEvent('open', topics.join(','), false))}\n`);
    for (const m of selected) res.write(`${JSON.stringify(m)}\n`);
  }

  /** ntfy's message_cache.go: since=<id> is exactly-after (unknown id: everything), times are inclusive. */
  private cached(topics: string[], since: string, idFilter?: string): NtfyWireMessage[] | null {
    const inTopics = this.cache.filter((m) => topics.includes(m.topic));
    let selected: NtfyWireMessage[];
    if (since === 'none') selected = [];
    else if (since === 'all') selected = inTopics;
    else if (since === 'latest') selected = topics.flatMap((t) => inTopics.filter((m) => m.topic === t).slice(-1));
    else if (/^[A-Za-z0-9]{12}$/.test(since)) {
      const row = this.cache.findIndex((m) => m.id === since);
      selected = row === -1 ? inTopics : inTopics.filter((m) => this.cache.indexOf(m) > row);
    } else if (/^\d+$/.test(since)) {
      selected = inTopics.filter((m) => m.time >= Number(since));
    } else {
      const duration = /^(\d+)(s|m|h|d)$/.exec(since);
      if (!duration) return null;
      const seconds = Number(duration[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[duration[2] as 's' | 'm' | 'h' | 'd'];
      selected = inTopics.filter((m) => m.time >= Math.floor(Date.now() / 1000) - seconds);
    }
    if (idFilter) selected = selected.filter((m) => m.event !== 'message' || m.id === idFilter);
    // sendOldMessages merges the topics and sorts by time (stable, so cache order within a second).
    return [...selected].sort((a, b) => a.time - b.time);
  }

  private authorized(header: string | undefined): boolean {
    const { users, tokens } = this.options;
    if (!users && !tokens) return true;
    if (!header) return false;
    if (header.startsWith('Bearer ')) return tokens?.includes(header.slice(7)) ?? false;
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    // Basic auth with an empty user name carries a token as the password.
    if (user === '') return tokens?.includes(password) ?? false;
    return users?.[user] === password;
  }
}

function error(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(`${JSON.stringify({ code, http: status, error: message, link: 'https://ntfy.sh/docs/' })}\n`);
}
