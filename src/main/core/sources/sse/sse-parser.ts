// The text/event-stream format as the HTML standard defines it ("Parsing an event stream"), fed in chunks of
// any size: lines end with CRLF, LF or CR (a CRLF split across two chunks counts once), one leading BOM is
// skipped, `:` lines are comments (keepalives), `data` lines accumulate, a blank line dispatches the event,
// `id` sets the last event id (ignored if it contains NUL), `retry` takes digits only, unknown fields are
// ignored, and an unfinished event at the end of the stream is discarded.
//
// Unlike a browser, it bounds memory: an event (or a single line) longer than maxEventChars is dropped as a
// whole and reported through onOversize, and parsing continues with the next event.

export interface SseEvent {
  /** The `event` field, or 'message'. */
  type: string;
  data: string;
  /** The last event id after this event (it carries over from earlier events when this one has no `id`). */
  lastEventId: string;
  /** This event itself carried an `id` line (so `lastEventId` is its own id). */
  hasOwnId: boolean;
}

export interface SseParserOptions {
  onEvent: (event: SseEvent) => void;
  /** An event was too large and was dropped; its `id`, if read, still counts as the last event id. */
  onOversize?: () => void;
  /** A valid `retry` field, in milliseconds. */
  onRetry?: (ms: number) => void;
  /** Characters of data (or of one line) an event may have. Default 16 Mi. */
  maxEventChars?: number;
  /** The id to resume from (what the next Last-Event-ID would be). */
  lastEventId?: string;
}

export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

export class SseParser {
  private readonly options: SseParserOptions;
  private readonly maxEventChars: number;
  private readonly lineEnd = /[\r\n]/g;
  private started = false;
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to it. */
  private skipLeadingLF = false;
  private partialLine = '';
  /** The line being read grew past the bound: its text is thrown away until its end. */
  private overlongLine: 'comment' | 'field' | null = null;
  private dataLines: string[] = [];
  private dataChars = 0;
  private eventType = '';
  private hasOwnId = false;
  private oversize = false;
  private lastId: string;

  constructor(options: SseParserOptions) {
    this.options = options;
    this.maxEventChars = options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
    this.lastId = options.lastEventId ?? '';
  }

  get lastEventId(): string {
    return this.lastId;
  }

  feed(chunk: string): void {
    let start = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) start = 1;
    }
    if (this.skipLeadingLF && start < chunk.length) {
      this.skipLeadingLF = false;
      if (chunk.charCodeAt(start) === 0x0a) start++;
    }
    this.lineEnd.lastIndex = start;
    for (;;) {
      const match = this.lineEnd.exec(chunk);
      if (match === null) {
        this.appendPartial(chunk.slice(start));
        return;
      }
      const end = match.index;
      this.appendPartial(chunk.slice(start, end));
      let next = end + 1;
      if (chunk.charCodeAt(end) === 0x0d) {
        if (next < chunk.length) {
          if (chunk.charCodeAt(next) === 0x0a) next++;
        } else {
          this.skipLeadingLF = true;
        }
      }
      this.endLine();
      start = next;
      this.lineEnd.lastIndex = next;
    }
  }

  /** The stream ended: whatever was not dispatched yet is discarded, as the standard says. */
  end(): void {
    this.partialLine = '';
    this.overlongLine = null;
    this.resetEvent();
  }

  private appendPartial(piece: string): void {
    if (piece === '') return;
    if (this.overlongLine !== null) return;
    if (this.partialLine.length + piece.length > this.maxEventChars) {
      const first = this.partialLine === '' ? piece : this.partialLine;
      this.overlongLine = first.startsWith(':') ? 'comment' : 'field';
      this.partialLine = '';
      return;
    }
    this.partialLine += piece;
  }

  private endLine(): void {
    const line = this.partialLine;
    this.partialLine = '';
    if (this.overlongLine !== null) {
      // A huge comment is still only a comment; a huge field spoils the event it belongs to.
      if (this.overlongLine === 'field') this.markOversize();
      this.overlongLine = null;
      return;
    }
    if (line === '') return this.dispatch();
    if (line.charCodeAt(0) === 0x3a /* : */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        if (this.oversize) break;
        this.dataChars += value.length + 1;
        if (this.dataChars > this.maxEventChars) this.markOversize();
        else this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) {
          this.lastId = value;
          this.hasOwnId = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.options.onRetry?.(Number(value));
        break;
    }
  }

  private markOversize(): void {
    this.oversize = true;
    this.dataLines = [];
  }

  private dispatch(): void {
    if (this.oversize) {
      this.resetEvent();
      this.options.onOversize?.();
      return;
    }
    if (this.dataLines.length === 0) {
      this.resetEvent();
      return;
    }
    const event: SseEvent = {
      type: this.eventType || 'message',
      data: this.dataLines.join('\n'),
      lastEventId: this.lastId,
      hasOwnId: this.hasOwnId,
    };
    this.resetEvent();
    this.options.onEvent(event);
  }

  private resetEvent(): void {
    this.dataLines = [];
    this.dataChars = 0;
    this.eventType = '';
    this.hasOwnId = false;
    this.oversize = false;
  }
}
