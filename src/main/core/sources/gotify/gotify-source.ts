// A Gotify server: its `/stream` WebSocket pushes each new message as one JSON text frame; its REST API
// gives what was missed. Every (re)connect:
//  1. opens the stream first and holds what it pushes,
//  2. catches up: pages /message backwards down to the cursor (the last id stored), stores oldest first,
//  3. stores the held frames that the catch-up did not already cover, then goes live.
// Opening the stream before paging leaves no gap; a message seen both ways is recognised by its id (the
// dedupe key) and skipped, and held frames at or below the last caught-up id are not replayed, so the cursor
// only ever moves forward. Gotify pings every 45 s; Herald pings too and declares the connection dead when
// nothing (frame, ping or pong) arrived for 45 s, so a half-open socket is replaced within a minute.
//
// A new source does not import the server's history (Gotify keeps every message until deleted): it starts
// after the newest message at its first connection, remembered in a start-point file until its first
// message gives it a cursor.
import { describeConnectionError } from '../common/network-errors.ts';
import { formatDuration } from '../common/push-endpoint.ts';
import { Buffer } from 'node:buffer';
import type { RawData } from 'ws';
import { frameBytes } from '../../ws-frames.ts';
import type { StoredSourceOf } from '../../settings/schema.ts';
import type { BackoffOptions } from '../common/backoff.ts';
import { LoopSource, type Attempt, type AttemptEvents } from '../common/connection-loop.ts';
import { GotifyApi } from './gotify-api.ts';
import { GotifyApps } from './gotify-apps.ts';
import { fetchMissed, newestId } from './gotify-catch-up.ts';
import { gotifyToIncoming, parseGotifyMessage, type GotifyMessage } from './gotify-message.ts';
import { openGotifyStream, StreamClosedError } from './gotify-stream.ts';
import { HttpStatusError, IdleDeadline, IdleTimeoutError } from '../common/http-json-stream.ts';
import { CommitSlices } from '../common/commit-slices.ts';
import { StartPoint } from '../common/push-start-point.ts';
import { StoreError, type Source, type SourceContext } from '../common/source.ts';

export interface GotifyOptions {
  /** How often Herald pings the server. Default 20 s. */
  pingIntervalMs?: number;
  /** Silence (no frame, ping or pong) after which the connection counts as dead. Default 45 s. */
  deadlineMs?: number;
  /** Larger frames are dropped and counted. Default 1 MiB. */
  maxFrameBytes?: number;
  /** Missed messages stored by one catch-up at most (the newest); older ones are counted as dropped. */
  catchUpMax?: number;
  backoff?: BackoffOptions;
}

export const GOTIFY_PING_INTERVAL_MS = 20_000;
export const GOTIFY_DEADLINE_MS = 45_000;
export const GOTIFY_MAX_FRAME_BYTES = 1024 * 1024;
const CATCH_UP_MAX = 10_000;
/** Frames held during the catch-up, or waiting for the inbox, before the connection is given up. */
const MAX_QUEUED = 10_000;

export function createGotifySource(config: StoredSourceOf<'gotify'>, context: SourceContext): Source {
  return new GotifySource(config, context);
}

export class GotifySource extends LoopSource implements Source {
  private readonly config: StoredSourceOf<'gotify'>;
  private readonly context: SourceContext;
  private readonly api: GotifyApi;
  private readonly apps: GotifyApps;
  private readonly startPoint: StartPoint;
  private readonly pingIntervalMs: number;
  private readonly deadlineMs: number;
  private readonly maxFrameBytes: number;
  private readonly catchUpMax: number;

  constructor(config: StoredSourceOf<'gotify'>, context: SourceContext, options: GotifyOptions = {}) {
    super(context.onStatus, options.backoff);
    this.config = config;
    this.context = context;
    this.api = new GotifyApi(config.url, context.secrets.token);
    this.apps = new GotifyApps(this.api);
    this.startPoint = new StartPoint(context.dataDir, config.id, this.api.base);
    this.pingIntervalMs = options.pingIntervalMs ?? GOTIFY_PING_INTERVAL_MS;
    this.deadlineMs = options.deadlineMs ?? GOTIFY_DEADLINE_MS;
    this.maxFrameBytes = options.maxFrameBytes ?? GOTIFY_MAX_FRAME_BYTES;
    this.catchUpMax = options.catchUpMax ?? CATCH_UP_MAX;
  }

  protected connect(events: AttemptEvents): Attempt {
    if (!this.context.secrets.token) {
      queueMicrotask(() => events.refused('no client token is set; Gotify needs one to read messages'));
      return { close: () => {} };
    }
    const controller = new AbortController();
    const finished = this.run(events, controller.signal).then(
      () => {
        if (!controller.signal.aborted) events.lost('the Gotify stream ended');
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

  /** One connection, from opening the stream to its end; always rejects with why it ended. */
  private async run(events: AttemptEvents, attemptSignal: AbortSignal): Promise<void> {
    const socket = await openGotifyStream(this.api, attemptSignal, this.deadlineMs);
    // Ends whatever is still under way (paging, storing) once the connection is over, for whatever reason.
    const over = new AbortController();
    const signal = AbortSignal.any([attemptSignal, over.signal]);
    let fail!: (reason: unknown) => void;
    const ended = new Promise<never>((_resolve, reject) => (fail = reject));
    ended.catch(() => {});
    let stopped = false;
    let live = false;
    const held: GotifyMessage[] = [];
    let queued = 0;
    let chain: Promise<void> = Promise.resolve();

    const end = (reason: unknown) => {
      stopped = true;
      fail(reason);
    };
    const onAbort = () => end(attemptSignal.reason);
    attemptSignal.addEventListener('abort', onAbort, { once: true });
    const deadline = new IdleDeadline(this.deadlineMs, () => end(new IdleTimeoutError(this.deadlineMs)));
    const pinger = setInterval(() => {
      if (socket.readyState === socket.OPEN) socket.ping();
    }, this.pingIntervalMs);
    socket.on('ping', () => deadline.touch());
    socket.on('pong', () => deadline.touch());
    socket.on('close', (code, reason) => end(new StreamClosedError(code, reason.toString())));
    socket.on('error', (err) => end(err));
    socket.on('message', (data, isBinary) => {
      deadline.touch();
      const message = this.frameToMessage(data, isBinary);
      if (message === null || stopped) return;
      if (++queued > MAX_QUEUED) return end(new Error('Gotify sent more messages than the inbox could take'));
      if (!live) {
        held.push(message);
        return;
      }
      // One at a time, in order; after a failure nothing more is stored, so the cursor cannot pass it.
      chain = chain.then(() => (stopped ? undefined : this.deliver([message], signal))).then(() => void queued--, end);
    });

    try {
      const catchUp = async () => {
        let floor = await this.catchUp(signal);
        // Frames that arrived while paging: those the catch-up already stored are skipped.
        while (held.length && !stopped) {
          const batch = held.splice(0).filter((m) => floor === undefined || m.id > floor);
          queued = 0;
          await this.deliver(batch, signal);
          if (batch.length) floor = batch.at(-1)!.id;
        }
        live = true;
        if (!stopped) events.opened();
      };
      await Promise.race([ended, catchUp()]);
      await ended;
    } finally {
      stopped = true;
      over.abort();
      attemptSignal.removeEventListener('abort', onAbort);
      deadline.stop();
      clearInterval(pinger);
      socket.terminate();
    }
  }

  /**
   * Stores what was missed; returns the id at or below which everything is stored, or undefined for a
   * new source (then every frame held since the stream opened is new).
   */
  private async catchUp(signal: AbortSignal): Promise<number | undefined> {
    await this.apps.load(signal).catch((err: unknown) => {
      // A refused token stops here; any other failure only costs the application names (stand-ins).
      if (err instanceof HttpStatusError && (err.status === 401 || err.status === 403)) throw err;
      signal.throwIfAborted();
    });
    const after = idOf(this.context.loadCursor()) ?? idOf(this.startPoint.read());
    if (after === undefined) {
      this.startPoint.write(String(await newestId(this.api, signal)));
      return undefined;
    }
    const missed = await fetchMissed(this.api, after, this.catchUpMax, signal);
    const fitting = missed.messages.filter((m) => Buffer.byteLength(JSON.stringify(m)) <= this.maxFrameBytes);
    const dropped = missed.dropped + missed.messages.length - fitting.length;
    if (dropped) this.loop.countDropped(dropped);
    await this.deliver(fitting, signal);
    return Math.max(after, missed.messages.at(-1)?.id ?? 0);
  }

  /** Hands messages to the pipeline in order and resolves once all of them are committed. */
  private async deliver(messages: readonly GotifyMessage[], signal: AbortSignal): Promise<void> {
    const commits = new CommitSlices();
    const context = { sourceId: this.config.id, sourceName: this.config.name };
    for (const message of messages) {
      const app = await this.apps.lookup(message.appid, signal);
      signal.throwIfAborted();
      await commits.add(this.context.sink(gotifyToIncoming(message, app, context)));
    }
    await commits.settled();
  }

  /** A text frame holding one message; anything else is dropped and counted. */
  private frameToMessage(data: RawData, isBinary: boolean): GotifyMessage | null {
    const bytes = frameBytes(data);
    let message: GotifyMessage | null = null;
    if (!isBinary && bytes.length <= this.maxFrameBytes) {
      try {
        message = parseGotifyMessage(JSON.parse(bytes.toString('utf8')));
      } catch {
        message = null;
      }
    }
    if (message === null) this.loop.countDropped();
    return message;
  }

  private report(err: unknown, events: AttemptEvents): void {
    if (err instanceof HttpStatusError) {
      const detail = err.detail ? `: ${err.detail}` : '';
      if (err.status === 401 || err.status === 403) {
        return events.refused(`Gotify refused the client token (HTTP ${err.status}${detail})`);
      }
      return events.lost(`Gotify answered HTTP ${err.status}${detail}`);
    }
    if (err instanceof IdleTimeoutError) {
      return events.lost(`no answer from Gotify for ${formatDuration(err.idleMs)} (pings unanswered)`);
    }
    if (err instanceof StreamClosedError || err instanceof StoreError) return events.lost(err.message);
    events.lost(describeConnectionError(err, this.config.url));
  }
}

function idOf(cursor: string | undefined): number | undefined {
  const id = cursor === undefined ? NaN : Number(cursor);
  return Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}
