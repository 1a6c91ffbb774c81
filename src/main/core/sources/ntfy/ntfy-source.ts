// An ntfy server: all of a source's topics over one JSON stream (ntfy counts every connection against a
// per-user limit of 30, so topics are multiplexed as its Android app does).
//
// Every (re)connect first catches up, then streams:
//  1. `GET /<topics>/json?poll=1&since=<cursor>` returns what the server cached after our last stored message
//     and then ends, so the whole catch-up is known before any of it is stored. That lets superseded
//     revisions of a sequence be skipped (see coalesceCatchUp) and is what makes a replay harmless.
//  2. `GET /<topics>/json?since=<last id of the catch-up>` then streams live messages; the `since` closes the
//     gap between the two requests. The server sends a keepalive every 45 s, so silence for longer than
//     the idle deadline (55 s) means the connection is dead even if the socket looks open.
// Each stored message carries its id as the cursor, saved in the same transaction as the message.
//
// Without any cursor yet (a new source), Herald starts at the moment of its first connection and does not
// import what the server cached before: that moment (the server's clock) is kept in a small start-point file,
// so messages sent while Herald was off, before the first one ever arrived, are still caught up.
import { describeConnectionError } from '../common/network-errors.ts';
import { formatDuration } from '../common/push-endpoint.ts';
import { Buffer } from 'node:buffer';
import type { StoredSourceOf } from '../../settings/schema.ts';
import type { BackoffOptions } from '../common/backoff.ts';
import { LoopSource, type Attempt, type AttemptEvents } from '../common/connection-loop.ts';
import { HttpStatusError, IdleTimeoutError, streamLines } from '../common/http-json-stream.ts';
import { coalesceCatchUp, INBOX_EVENTS, ntfyToIncoming, parseNtfyLine, type NtfyEvent } from './ntfy-message.ts';
import { CATCH_UP_SLICE, CommitSlices } from '../common/commit-slices.ts';
import { StartPoint } from '../common/push-start-point.ts';
import { StoreError, type IncomingMessage, type Source, type SourceContext } from '../common/source.ts';

export interface NtfyOptions {
  /** Silence after which the stream counts as dead; ntfy sends a keepalive every 45 s. Default 55 s. */
  idleTimeoutMs?: number;
  /** Longer lines are dropped and counted (ntfy messages are at most 4 KB). Default 1 MiB. */
  maxLineBytes?: number;
  /** Catch-up events held in memory at once; more are stored in chunks of this size. Default CATCH_UP_SLICE (500). */
  catchUpChunk?: number;
  backoff?: BackoffOptions;
}

export const NTFY_IDLE_TIMEOUT_MS = 55_000;
export const NTFY_MAX_LINE_BYTES = 1024 * 1024;
/** Parsed and handed over per turn of the event loop; a chunk is also the unit in which updates are folded. */
const CATCH_UP_CHUNK = CATCH_UP_SLICE;
/** A poll_request fetches one message; anything beyond this is not what was asked for. */
const POLL_REQUEST_MAX_EVENTS = 10;

export function createNtfySource(config: StoredSourceOf<'ntfy'>, context: SourceContext): Source {
  return new NtfySource(config, context);
}

export class NtfySource extends LoopSource implements Source {
  private readonly config: StoredSourceOf<'ntfy'>;
  private readonly context: SourceContext;
  private readonly server: string;
  private readonly headers: Record<string, string>;
  private readonly startPoint: StartPoint;
  private readonly idleMs: number;
  private readonly maxLineBytes: number;
  private readonly catchUpChunk: number;

  constructor(config: StoredSourceOf<'ntfy'>, context: SourceContext, options: NtfyOptions = {}) {
    super(context.onStatus, options.backoff);
    this.config = config;
    this.context = context;
    this.server = config.url.replace(/\/+$/, '');
    this.headers = { Accept: 'application/x-ndjson' };
    const authorization = authorizationHeader(config.username, context.secrets);
    if (authorization) this.headers.Authorization = authorization;
    this.startPoint = new StartPoint(context.dataDir, config.id, `${this.server}/${config.topics.join(',')}`);
    this.idleMs = options.idleTimeoutMs ?? NTFY_IDLE_TIMEOUT_MS;
    this.maxLineBytes = options.maxLineBytes ?? NTFY_MAX_LINE_BYTES;
    this.catchUpChunk = options.catchUpChunk ?? CATCH_UP_CHUNK;
  }

  protected connect(events: AttemptEvents): Attempt {
    const controller = new AbortController();
    const finished = this.run(events, controller.signal).then(
      () => {
        if (!controller.signal.aborted) events.lost(`${this.server} ended the stream`);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) this.report(err, events);
      },
    );
    return {
      close: async () => {
        controller.abort();
        await finished;
      },
    };
  }

  private async run(events: AttemptEvents, signal: AbortSignal): Promise<void> {
    const cursor = this.context.loadCursor();
    const startedAt = cursor === undefined ? this.startPoint.read() : undefined;
    const caughtUp = await this.catchUp(cursor ?? startedAt ?? 'none', signal);
    if (cursor === undefined && startedAt === undefined) this.startPoint.write(String(caughtUp.serverTime));
    const since = caughtUp.lastCursor ?? cursor ?? String(caughtUp.serverTime);
    await streamLines({
      ...this.streamOptions(signal),
      url: this.topicsUrl(`since=${encodeURIComponent(since)}`),
      onOpen: () => events.opened(),
      onLines: (lines) =>
        this.deliver(
          lines.map((line) => this.parse(line)),
          signal,
        ),
    });
  }

  /** Stores everything cached since `since`; returns the last cursor seen and the server's clock. */
  private async catchUp(since: string, signal: AbortSignal): Promise<{ lastCursor?: string; serverTime: number }> {
    let pending: NtfyEvent[] = [];
    let lastCursor: string | undefined;
    // Without a Date header, a minute of slack for clock skew; repeats are deduplicated.
    let serverTime = Math.floor(Date.now() / 1000) - 60;
    const flush = async () => {
      const chunk = pending;
      pending = [];
      for (const event of chunk) if (typeof event.expires === 'number') lastCursor = event.id;
      await this.deliver(coalesceCatchUp(chunk), signal);
    };
    await streamLines({
      ...this.streamOptions(signal),
      url: this.topicsUrl(`poll=1&since=${encodeURIComponent(since)}`),
      onOpen: (response) => {
        const date = Date.parse(response.headers.get('date') ?? '');
        if (Number.isFinite(date)) serverTime = Math.floor(date / 1000);
      },
      onLines: async (lines) => {
        for (const line of lines) {
          const event = this.parse(line);
          if (event) pending.push(event);
          if (pending.length >= this.catchUpChunk) await flush();
        }
      },
    });
    await flush();
    return { lastCursor, serverTime };
  }

  /** Hands inbox events to the pipeline in order and resolves once all of them are committed. */
  private async deliver(events: readonly (NtfyEvent | null)[], signal: AbortSignal): Promise<void> {
    const commits = new CommitSlices();
    for (const event of events) {
      if (event === null) continue;
      if (INBOX_EVENTS.has(event.event)) {
        await commits.add(this.context.sink(this.toIncoming(event)));
      } else if (event.event === 'poll_request') {
        for (const message of await this.fetchPolled(event, signal)) await commits.add(this.context.sink(message));
      }
      // open, keepalive and events of later ntfy versions only show that the connection is alive.
    }
    await commits.settled();
  }

  /** A poll_request (ntfy's relay for iOS) names a message to fetch from the server itself. */
  private async fetchPolled(request: NtfyEvent, signal: AbortSignal): Promise<IncomingMessage[]> {
    if (typeof request.poll_id !== 'string' || request.poll_id === '') return [];
    const found: NtfyEvent[] = [];
    await streamLines({
      ...this.streamOptions(signal),
      url: `${this.server}/${encodeURIComponent(request.topic)}/json?poll=1&id=${encodeURIComponent(request.poll_id)}`,
      onLines: (lines) => {
        for (const line of lines) {
          const event = this.parse(line);
          if (event?.event === 'message' && found.length < POLL_REQUEST_MAX_EVENTS) found.push(event);
        }
      },
    });
    // Resume after the poll_request, not after the (older) message it pointed to.
    return found.map((event, index) => {
      const { cursor: _own, ...message } = this.toIncoming(event);
      const last = index === found.length - 1;
      return last && typeof request.expires === 'number' ? { ...message, cursor: request.id } : message;
    });
  }

  private parse(line: string): NtfyEvent | null {
    const event = parseNtfyLine(line);
    if (event === null) this.loop.countDropped();
    return event;
  }

  private toIncoming(event: NtfyEvent): IncomingMessage {
    return ntfyToIncoming(event, { sourceId: this.config.id, sourceName: this.config.name });
  }

  private topicsUrl(query: string): string {
    return `${this.server}/${this.config.topics.join(',')}/json?${query}`;
  }

  private streamOptions(signal: AbortSignal) {
    return {
      headers: this.headers,
      signal,
      idleMs: this.idleMs,
      maxLineBytes: this.maxLineBytes,
      onOversize: () => this.loop.countDropped(),
    };
  }

  private report(err: unknown, events: AttemptEvents): void {
    if (err instanceof HttpStatusError) {
      const detail = err.detail ? `: ${err.detail}` : '';
      if (err.status === 401) return events.refused(`ntfy refused the credentials (HTTP 401${detail})`);
      if (err.status === 403) {
        return events.refused(`ntfy refused access to ${this.config.topics.join(', ')} (HTTP 403${detail})`);
      }
      if (err.status === 429) return events.lost(`ntfy is rate-limiting this client (HTTP 429${detail})`);
      return events.lost(`ntfy answered HTTP ${err.status}${detail}`);
    }
    if (err instanceof IdleTimeoutError) {
      return events.lost(`no data from ntfy for ${formatDuration(err.idleMs)} (its keepalives stopped)`);
    }
    if (err instanceof StoreError) return events.lost(err.message);
    events.lost(describeConnectionError(err, this.server));
  }
}

/** Basic with a username; a token as Bearer; a password alone is a token to ntfy (Basic, empty user). */
export function authorizationHeader(
  username: string | undefined,
  secrets: SourceContext['secrets'],
): string | undefined {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  if (username) return basic(username, secrets.password ?? '');
  if (secrets.token) return `Bearer ${secrets.token}`;
  if (secrets.password) return basic('', secrets.password);
  return undefined;
}
