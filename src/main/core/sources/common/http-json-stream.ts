// Reading long-lived HTTP responses line by line (ntfy's NDJSON stream and poll) with the two guards a
// notifier needs: a line cap, so a runaway line costs at most the cap in memory and is dropped and counted,
// and an idle deadline, so a half-open connection (no keepalive any more, no FIN either) is noticed.
import { formatDuration } from './push-endpoint.ts';
import { Buffer } from 'node:buffer';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines. Bytes are kept until the line is complete, so a UTF-8 character cut
 * across two chunks decodes correctly. A line longer than `maxLineBytes` is skipped up to its newline
 * without being kept, and reported once through `onOversize`.
 */
export class LineSplitter {
  private readonly maxLineBytes: number;
  private readonly onOversize: () => void;
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private discarding = false;

  constructor(maxLineBytes: number, onOversize: () => void) {
    this.maxLineBytes = maxLineBytes;
    this.onOversize = onOversize;
  }

  /** The complete lines this chunk finished (without their line ending; empty lines left out). */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) {
        this.keep(chunk.subarray(start));
        break;
      }
      this.keep(chunk.subarray(start, end));
      if (!this.discarding) {
        const line = this.takeLine();
        if (line !== '') lines.push(line);
      }
      this.discarding = false;
      this.parts = [];
      this.partBytes = 0;
      start = end + 1;
    }
    return lines;
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): string[] {
    const line = this.discarding ? '' : this.takeLine();
    this.parts = [];
    this.partBytes = 0;
    this.discarding = false;
    return line === '' ? [] : [line];
  }

  private keep(bytes: Uint8Array): void {
    if (this.discarding || bytes.length === 0) return;
    if (this.partBytes + bytes.length > this.maxLineBytes) {
      this.discarding = true;
      this.parts = [];
      this.partBytes = 0;
      this.onOversize();
      return;
    }
    this.parts.push(bytes);
    this.partBytes += bytes.length;
  }

  private takeLine(): string {
    let bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, bytes.length - 1);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
}

/** The server sent nothing (not even a keepalive) for longer than the deadline. */
export class IdleTimeoutError extends Error {
  readonly idleMs: number;
  constructor(idleMs: number) {
    super(`no data from the server for ${formatDuration(idleMs)}`);
    this.idleMs = idleMs;
  }
}

/** The server answered with a status other than 2xx; `detail` is its error text when it sent one. */
export class HttpStatusError extends Error {
  readonly status: number;
  readonly detail: string;
  constructor(status: number, detail: string) {
    super(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
    this.status = status;
    this.detail = detail;
  }
}

export interface LineStreamOptions {
  url: string;
  headers: Record<string, string>;
  /** Aborting it ends the stream quietly (the caller closed the attempt). */
  signal: AbortSignal;
  /** Longest silence (including waiting for the response headers) before the stream counts as dead. */
  idleMs: number;
  maxLineBytes: number;
  onOversize: () => void;
  /** The response headers arrived with a 2xx status. */
  onOpen?: (response: Response) => void;
  /** Called with each batch of complete lines; the stream is not read while it runs (backpressure). */
  onLines: (lines: string[]) => Promise<void> | void;
}

/**
 * GETs `url` and hands its body to `onLines` line by line until the server ends it. Resolves when the
 * server closed the response; rejects with HttpStatusError, IdleTimeoutError, the caller's abort reason,
 * or the network error.
 */
export async function streamLines(options: LineStreamOptions): Promise<void> {
  const idle = new AbortController();
  const signal = AbortSignal.any([options.signal, idle.signal]);
  const deadline = new IdleDeadline(options.idleMs, () => idle.abort(new IdleTimeoutError(options.idleMs)));
  try {
    const response = await fetch(options.url, { headers: options.headers, signal, redirect: 'follow' });
    deadline.touch();
    if (!response.ok) {
      const detail = await errorDetail(response);
      throw new HttpStatusError(response.status, detail);
    }
    options.onOpen?.(response);
    if (!response.body) return;
    const splitter = new LineSplitter(options.maxLineBytes, options.onOversize);
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          const rest = splitter.end();
          if (rest.length) await options.onLines(rest);
          return;
        }
        deadline.pause();
        const lines = splitter.push(value);
        if (lines.length) await options.onLines(lines);
        signal.throwIfAborted();
        deadline.touch();
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  } catch (err) {
    // Whatever the read failed with, the abort reason says why it was aborted.
    if (idle.signal.aborted) throw idle.signal.reason;
    if (options.signal.aborted) throw options.signal.reason;
    throw err;
  } finally {
    deadline.stop();
  }
}

/** Reads a whole (bounded) response body as text; rejects when it is longer than `maxBytes`. */
export async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) throw new Error(`the response is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      parts.push(value);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The error text of a failed response: ntfy and Gotify send JSON with `error` / `errorDescription`. */
export async function errorDetail(response: Response): Promise<string> {
  let text: string;
  try {
    text = (await readTextCapped(response, 16 * 1024)).trim();
  } catch {
    return '';
  }
  try {
    const json = JSON.parse(text) as { error?: unknown; errorDescription?: unknown };
    const parts = [json.error, json.errorDescription].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length) return parts.join(': ');
  } catch {
    // Not JSON: fall through to the text itself.
  }
  return text.split('\n')[0]!.slice(0, 200);
}

/** A timer that fires when nothing happened for `ms`; touch() says something did. */
export class IdleDeadline {
  private readonly ms: number;
  private readonly onExpire: () => void;
  private timer: NodeJS.Timeout | null;

  constructor(ms: number, onExpire: () => void) {
    this.ms = ms;
    this.onExpire = onExpire;
    this.timer = setTimeout(onExpire, ms);
  }

  touch(): void {
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(this.onExpire, this.ms);
  }

  /** Our own processing (e.g. waiting for the inbox commit) must not count as the server's silence. */
  pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  stop(): void {
    this.pause();
  }
}
