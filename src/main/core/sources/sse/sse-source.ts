// A generic Server-Sent Events endpoint: every event is a message, read as JSON with the user's field mapping
// or as plain text. Resuming is the point of SSE: the last event id is saved with each message (in the same
// transaction) and sent as Last-Event-ID on every (re)connect, so a server that keeps history replays what
// was missed; replays of events already stored are recognised by their id and content (see replayKey).
//
// Decisions:
// - The ConnectionLoop owns reconnect timing; a `retry:` field is ignored (a server cannot make Herald hammer
//   it, nor wait for an hour).
// - HTTP 204 means "do not reconnect" (HTML standard): the source stops with that reason, like a 401/403.
// - No bytes at all (comments count) for the idle deadline (60 s) means the stream is dead: reconnect.
// - Events up to 16 Mi characters are kept (the inbox's payload cap cuts them); larger ones are dropped and
//   counted, and the stream goes on.
// - Events named ping, keepalive or heartbeat are liveness signals, not messages, and are not stored.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { StoredSourceOf } from '../../settings/schema.ts';
import type { BackoffOptions } from '../common/backoff.ts';
import { LoopSource, type Attempt, type AttemptEvents } from '../common/connection-loop.ts';
import { partsFromText } from '../common/field-mapping.ts';
import { describeConnectionError, displayUrl } from '../common/network-errors.ts';
import { endpointTopic, formatDuration, headerProblem, requestHeaders } from '../common/push-endpoint.ts';
import { DEFAULT_MAX_EVENT_CHARS, SseParser, type SseEvent } from './sse-parser.ts';
import { DEFAULT_MAX_PENDING, SinkWindow } from '../common/sink-window.ts';
import type { IncomingMessage, Source, SourceContext } from '../common/source.ts';

export interface SseSourceOptions {
  /** No bytes for this long (headers included) means the stream is dead. Default 60 s. */
  idleTimeoutMs?: number;
  /** Larger events are dropped and counted. Default 16 Mi characters. */
  maxEventChars?: number;
  /** Messages handed to the pipeline and not yet committed before reading pauses. */
  maxPending?: number;
  backoff?: BackoffOptions;
}

const HEARTBEAT_EVENTS = new Set(['ping', 'keepalive', 'heartbeat']);

export function createSseSource(
  config: StoredSourceOf<'sse'>,
  context: SourceContext,
  options: SseSourceOptions = {},
): Source {
  return new SseSource(config, context, options);
}

class SseSource extends LoopSource implements Source {
  private readonly config: StoredSourceOf<'sse'>;
  private readonly context: SourceContext;
  private readonly idleTimeoutMs: number;
  private readonly maxEventChars: number;
  private readonly maxPending: number;
  private readonly where: string;
  private readonly topic: string;

  constructor(config: StoredSourceOf<'sse'>, context: SourceContext, options: SseSourceOptions) {
    super(context.onStatus, options.backoff);
    this.config = config;
    this.context = context;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.maxEventChars = options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.where = displayUrl(config.url);
    this.topic = endpointTopic(config.url);
  }

  protected connect(events: AttemptEvents): Attempt {
    const abort = new AbortController();
    let finished = false;
    let idleTimer: NodeJS.Timeout | null = null;
    const end = (report: () => void) => {
      if (finished) return;
      finished = true;
      if (idleTimer) clearTimeout(idleTimer);
      abort.abort();
      report();
    };
    const lost = (reason: string) => end(() => events.lost(reason));
    const refused = (reason: string) => end(() => events.refused(reason));
    const stopIdleClock = () => {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
    };
    const restartIdleClock = () => {
      stopIdleClock();
      if (finished) return;
      idleTimer = setTimeout(
        () => lost(`no data from ${this.where} for ${formatDuration(this.idleTimeoutMs)}; the stream is dead`),
        this.idleTimeoutMs,
      );
    };

    void this.run({
      abort,
      lost,
      refused,
      opened: () => finished || events.opened(),
      restartIdleClock,
      stopIdleClock,
    }).catch((err: unknown) => lost(describeConnectionError(err, this.config.url)));
    return { close: () => end(() => {}) };
  }

  private async run(attempt: {
    abort: AbortController;
    lost: (reason: string) => void;
    refused: (reason: string) => void;
    opened: () => void;
    restartIdleClock: () => void;
    stopIdleClock: () => void;
  }): Promise<void> {
    const { abort, lost, refused } = attempt;
    // The store's cursor is the id of the last event actually committed, so nothing uncommitted is skipped.
    const resumeFrom = this.context.loadCursor() ?? '';
    const headers: Record<string, string> = {
      Accept: 'text/event-stream',
      'Cache-Control': 'no-cache',
      ...requestHeaders(this.config.headers, this.context.secrets.token),
    };
    const problem = headerProblem(headers);
    if (problem) return refused(`cannot connect to ${this.where}: ${problem}`);
    // Header values are bytes: send the id's UTF-8 bytes, as browsers do.
    if (resumeFrom !== '') headers['Last-Event-ID'] = Buffer.from(resumeFrom, 'utf8').toString('latin1');

    attempt.restartIdleClock();
    const response = await fetch(this.config.url, { headers, signal: abort.signal });
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${this.where}`;
    if (response.status === 204) {
      discard(response);
      return refused(`the server asked not to reconnect (HTTP 204 from ${this.where})`);
    }
    if (response.status === 401 || response.status === 403) {
      discard(response);
      return refused(`${status}: check the token and headers`);
    }
    if (!response.ok || !response.body) {
      discard(response);
      return lost(status);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.split(';')[0]!.trim().toLowerCase() !== 'text/event-stream') {
      discard(response);
      return lost(
        `${this.where} answered with ${contentType ? `"${contentType}"` : 'no content type'} instead of text/event-stream`,
      );
    }

    attempt.opened();
    attempt.restartIdleClock();
    const window = new SinkWindow(
      this.context.sink,
      (error, message) => {
        // With its own id the server replays it after the reconnect (the saved cursor is still before it);
        // without one it is gone.
        if (message.properties?.id === undefined) this.loop.countDropped(1);
        lost(`a message could not be stored: ${(error as Error).message ?? String(error)}`);
      },
      this.maxPending,
    );
    let lastCursor = resumeFrom;
    const parser = new SseParser({
      lastEventId: resumeFrom,
      maxEventChars: this.maxEventChars,
      onOversize: () => this.loop.countDropped(1),
      onEvent: (event) => {
        // After a failed write nothing later may be stored: its cursor would skip the failed event.
        if (abort.signal.aborted || HEARTBEAT_EVENTS.has(event.type)) return;
        const message = this.toMessage(event, event.lastEventId !== lastCursor);
        lastCursor = event.lastEventId;
        window.push(message);
      },
    });
    // The parser strips the BOM itself; the decoder must leave it in.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      attempt.restartIdleClock();
      parser.feed(decoder.decode(value, { stream: true }));
      if (window.full) {
        // Reading stops while the store catches up; silence from our side is not the server's fault.
        attempt.stopIdleClock();
        await window.room();
        if (abort.signal.aborted) return;
        attempt.restartIdleClock();
      }
    }
    parser.feed(decoder.decode());
    parser.end();
    lost(`${this.where} ended the stream`);
  }

  private toMessage(event: SseEvent, cursorMoved: boolean): IncomingMessage {
    const { note, dedupeKey, ...parts } = partsFromText(event.data, this.config.format, this.config.mapping);
    const properties: Record<string, unknown> = { event: event.type };
    if (event.hasOwnId) properties.id = event.lastEventId;
    if (note) properties.note = note;
    return {
      sourceId: this.config.id,
      sourceName: this.config.name,
      topic: this.topic,
      receivedAt: Date.now(),
      ...parts,
      properties,
      dedupeKey: event.hasOwnId && event.lastEventId !== '' ? replayKey(event) : dedupeKey,
      ...(cursorMoved ? { cursor: event.lastEventId } : {}),
    };
  }
}

/**
 * What recognises a replayed event: its id plus a digest of its content. The id alone is not enough: many
 * servers number events with a counter that starts again at 1 when they restart, and every new event would
 * then look like one already stored and be dropped without a trace. A replay carries the same content.
 */
function replayKey(event: SseEvent): string {
  const digest = createHash('sha256').update(event.type).update('\n').update(event.data).digest('hex').slice(0, 16);
  const id =
    event.lastEventId.length > 200 ? createHash('sha256').update(event.lastEventId).digest('hex') : event.lastEventId;
  return `${id}@${digest}`;
}

/** Lets go of a response body we will not read; cancelling an aborted stream may reject, which is fine. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}
