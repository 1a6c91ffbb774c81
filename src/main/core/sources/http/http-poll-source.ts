// A plain REST endpoint as a push source. Short polling asks every interval with If-None-Match /
// If-Modified-Since (a 304 costs nothing); long polling asks with the cursor query parameter and the server
// holds the request until it has news, then asks again at once. Each item of an answer is a message whose
// dedupe key is its mapped id (or a digest of its JSON), so items still listed on the next poll are not
// stored again; the position (validators or cursor) is saved with the last message of each answer.
//
// Decisions:
// - The first poll of a new source stores what the endpoint lists: that is what the user wants to see.
// - Items listed by the previous answer are not handed to the pipeline again (the inbox would drop them as
//   duplicates anyway; this keeps a long unchanged list from costing work every interval).
// - The last item of an answer, which carries the position, is handed over only after the others are
//   committed, so a saved position never skips an item that failed to be stored.
// - 401/403 stop retrying (like every kind); other statuses, a timeout, a body that is not JSON or is larger
//   than the cap are retried after the ConnectionLoop's backoff, with the reason in the status.
// - A long-poll answer with nothing new waits a moment before the next request, so a server that does not
//   hold requests is not hammered.
import type { StoredSourceOf } from '../../settings/schema.ts';
import type { BackoffOptions } from '../common/backoff.ts';
import { CommitSlices } from '../common/commit-slices.ts';
import { LoopSource, type Attempt, type AttemptEvents } from '../common/connection-loop.ts';
import { errorDetail, readTextCapped } from '../common/http-json-stream.ts';
import { describeConnectionError, displayUrl } from '../common/network-errors.ts';
import { endpointTopic, formatDuration, headerProblem, requestHeaders } from '../common/push-endpoint.ts';
import { StoreError, type IncomingMessage, type Source, type SourceContext } from '../common/source.ts';
import {
  decodePosition,
  encodePosition,
  itemParts,
  itemsOf,
  nextCursor,
  oldestFirst,
  type PollPosition,
} from './http-items.ts';

export interface HttpPollSourceOptions {
  /** Short polling: the time between requests, instead of the settings' intervalSeconds. */
  intervalMs?: number;
  /** A short-poll request unanswered for this long has failed. Default 30 s. */
  requestTimeoutMs?: number;
  /** A long-poll request held longer than this is given up (and asked again after the backoff). Default 90 s. */
  holdTimeoutMs?: number;
  /** Larger answers are refused. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Long polling: the pause after an answer with nothing new. Default 1 s. */
  idleGapMs?: number;
  backoff?: BackoffOptions;
}

const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export function createHttpPollSource(
  config: StoredSourceOf<'http'>,
  context: SourceContext,
  options: HttpPollSourceOptions = {},
): Source {
  return new HttpPollSource(config, context, options);
}

/** The attempt ends and the loop retries after the backoff. */
class PollFailed extends Error {}
/** The server refused us for good. */
class PollRefused extends Error {}

class HttpPollSource extends LoopSource implements Source {
  private readonly config: StoredSourceOf<'http'>;
  private readonly context: SourceContext;
  private readonly options: HttpPollSourceOptions;
  private readonly longPoll: boolean;
  private readonly where: string;
  private readonly topic: string;
  /** Where the next request starts; read from the inbox when null. */
  private position: PollPosition | null = null;
  /** The dedupe keys of the last answer's items, all committed. */
  private seen = new Set<string>();

  constructor(config: StoredSourceOf<'http'>, context: SourceContext, options: HttpPollSourceOptions) {
    super(context.onStatus, options.backoff);
    this.config = config;
    this.context = context;
    this.options = options;
    this.longPoll = config.mode === 'long-poll';
    this.where = displayUrl(config.url);
    this.topic = endpointTopic(config.url);
  }

  protected connect(events: AttemptEvents): Attempt {
    const abort = new AbortController();
    let finished = false;
    const end = (report: () => void) => {
      if (finished) return;
      finished = true;
      abort.abort();
      report();
    };
    this.run(abort.signal, () => finished || events.opened()).catch((err: unknown) => {
      if (err instanceof PollRefused) return end(() => events.refused(err.message));
      if (err instanceof StoreError) {
        // Start again from what the inbox has: nothing after the failed item may count as seen.
        this.position = null;
        this.seen = new Set();
      }
      const reason = err instanceof PollFailed || err instanceof StoreError ? err.message : this.describe(err);
      end(() => events.lost(reason));
    });
    return { close: () => end(() => {}) };
  }

  private async run(signal: AbortSignal, opened: () => void): Promise<void> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...requestHeaders(this.config.headers, this.context.secrets.token),
    };
    const problem = headerProblem(headers);
    if (problem) throw new PollRefused(`cannot connect to ${this.where}: ${problem}`);
    this.position ??= decodePosition(this.config.url, this.context.loadCursor());
    const intervalMs = this.options.intervalMs ?? this.config.intervalSeconds * 1000;
    for (let first = true; ; first = false) {
      const news = await this.poll(headers, signal);
      if (signal.aborted) return;
      // Once per attempt: every poll after that would only repeat the same status to the UI.
      if (first) opened();
      if (this.longPoll && news) continue;
      await sleep(this.longPoll ? (this.options.idleGapMs ?? 1000) : intervalMs, signal);
      if (signal.aborted) return;
    }
  }

  /** One request and its answer; true when it brought anything new (items or a moved cursor). */
  private async poll(headers: Record<string, string>, signal: AbortSignal): Promise<boolean> {
    const position = this.position ?? {};
    const url = new URL(this.config.url);
    const sent = { ...headers };
    if (this.longPoll) {
      const param = this.config.cursorParam;
      if (param && position.next !== undefined) url.searchParams.set(param, position.next);
    } else {
      if (position.etag) sent['If-None-Match'] = position.etag;
      if (position.lastModified) sent['If-Modified-Since'] = position.lastModified;
    }
    const timeoutMs = this.longPoll
      ? (this.options.holdTimeoutMs ?? 90_000)
      : (this.options.requestTimeoutMs ?? 30_000);
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    let text: string;
    let response: Response;
    try {
      response = await fetch(url, { headers: sent, signal: deadline });
      if (response.status === 304) {
        response.body?.cancel().catch(() => {});
        return false;
      }
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${this.where}`;
      if (response.status === 401 || response.status === 403) {
        response.body?.cancel().catch(() => {});
        throw new PollRefused(`${status}: check the token and headers`);
      }
      if (!response.ok) {
        const said = await errorDetail(response);
        throw new PollFailed(`${status}${said ? `: ${said}` : ''}`);
      }
      text = await readTextCapped(response, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    } catch (err) {
      if (err instanceof PollRefused || err instanceof PollFailed || signal.aborted) throw err;
      if ((err as Error).name === 'TimeoutError' || deadline.aborted) {
        throw new PollFailed(`no answer from ${this.where} within ${formatDuration(timeoutMs)}`);
      }
      if ((err as Error).message?.startsWith('the response is larger')) {
        throw new PollFailed(`${(err as Error).message} (from ${this.where}); nothing was stored`);
      }
      throw err;
    }
    const validators: PollPosition = this.longPoll
      ? {}
      : {
          ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}),
          ...(response.headers.get('last-modified') ? { lastModified: response.headers.get('last-modified')! } : {}),
        };
    if (text.trim() === '') return this.take([], { ...position, ...validators });

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const type = response.headers.get('content-type');
      throw new PollFailed(
        `${this.where} answered with something that is not JSON${type ? ` (${type})` : ''}; nothing was stored`,
      );
    }
    const items = itemsOf(body, this.config.itemsPath);
    if (!Array.isArray(items)) throw new PollFailed(`${items.problem} from ${this.where}`);
    const next = this.longPoll ? (nextCursor(body, items, this.config.cursorPath) ?? position.next) : undefined;
    const moved = next !== position.next;
    const stored = await this.take(items, { ...position, ...validators, ...(next !== undefined ? { next } : {}) });
    return stored || moved;
  }

  /** Hands an answer's new items to the pipeline; the last one carries `after`. True when any was new. */
  private async take(items: readonly unknown[], after: PollPosition): Promise<boolean> {
    const keys = new Set<string>();
    const fresh: IncomingMessage[] = [];
    const receivedAt = Date.now();
    for (const item of items) {
      const { note, dedupeKey, ...parts } = itemParts(item, this.config.mapping);
      keys.add(dedupeKey);
      if (this.seen.has(dedupeKey)) continue;
      fresh.push({
        sourceId: this.config.id,
        sourceName: this.config.name,
        topic: this.topic,
        receivedAt,
        ...parts,
        ...(note ? { properties: { note } } : {}),
        dedupeKey,
      });
    }
    const ordered = oldestFirst(fresh);
    const last = ordered.pop();
    if (last) {
      const slices = new CommitSlices();
      for (const message of ordered) await slices.add(this.handOver(message));
      await slices.settled();
      await slices.add(this.handOver({ ...last, cursor: encodePosition(this.config.url, after) }));
      await slices.settled();
    }
    // With nothing to save it with, the position lives in memory until the next answer with news.
    this.position = after;
    this.seen = keys;
    return last !== undefined;
  }

  private handOver(message: IncomingMessage): Promise<unknown> {
    try {
      return this.context.sink(message);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private describe(err: unknown): string {
    return describeConnectionError(err, this.config.url);
  }
}

/** Waits `ms`, or less when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
