// The data dir's log: every logged line as JSON Lines in logs/herald.log, rotated at a size limit to herald.log.1
// .. herald.log.N (the oldest dropped), so a diagnostics export can carry what happened. Writing never blocks or
// throws into the caller: lines are queued and appended in the background; if the folder cannot be written
// (full disk, no permission) the file is given up, said once on standard error, and logging goes on there.
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogRecord } from './logger.ts';
import { redactText } from './redact.ts';

export const LOG_DIR = 'logs';
export const LOG_FILE = 'herald.log';
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_KEEP = 3;
/** Lines waiting beyond this are dropped (and counted) rather than growing memory behind a stalled disk. */
const MAX_QUEUED_BYTES = 1024 * 1024;
/** One append at most this big, so the size check before it keeps each file close to the limit. */
const MAX_APPEND_BYTES = 64 * 1024;

/** herald.log, herald.log.1 .. herald.log.N: the current file first, then older and older. */
export function logFileNames(keep = LOG_KEEP): string[] {
  return [LOG_FILE, ...Array.from({ length: keep }, (_, i) => `${LOG_FILE}.${i + 1}`)];
}

export interface LogFileOptions {
  maxBytes?: number;
  keep?: number;
  /** Where the one report of a failure goes (standard error by default). */
  report?: (text: string) => void;
}

export class LogFile {
  readonly dir: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly report: (text: string) => void;
  private queue: string[] = [];
  private queuedBytes = 0;
  private dropped = 0;
  private handle: FileHandle | null = null;
  private size = 0;
  private draining: Promise<void> | null = null;
  private failed = false;
  private closed = false;

  constructor(dataDir: string, options: LogFileOptions = {}) {
    this.dir = join(dataDir, LOG_DIR);
    this.maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
    this.keep = options.keep ?? LOG_KEEP;
    this.report = options.report ?? ((text) => process.stderr.write(`${text}\n`));
  }

  /** Queues one record; the file is written in the background. */
  write(record: LogRecord): void {
    if (this.failed || this.closed) return;
    const line = `${redactText(JSON.stringify(record))}\n`;
    if (this.queuedBytes + line.length > MAX_QUEUED_BYTES) {
      this.dropped++;
      return;
    }
    this.queue.push(line);
    this.queuedBytes += line.length;
    this.kick();
  }

  /** Resolves when everything queued so far is written (or given up). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Writes what is queued, then closes the file; later writes are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.handle?.close().catch(() => {});
    this.handle = null;
  }

  private kick(): void {
    if (this.draining || this.failed) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // A line queued while the last append was finishing.
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.failed) {
        const chunk = this.take();
        const bytes = Buffer.byteLength(chunk);
        let handle = await this.file();
        if (this.size > 0 && this.size + bytes > this.maxBytes) {
          await this.rotate();
          handle = await this.file();
        }
        await handle.appendFile(chunk);
        this.size += bytes;
      }
    } catch (err) {
      this.failed = true;
      this.queue = [];
      this.queuedBytes = 0;
      await this.handle?.close().catch(() => {});
      this.handle = null;
      this.report(
        `herald [log] the log file in ${this.dir} cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)}); logging to standard error only`,
      );
    }
  }

  private take(): string {
    let chunk = '';
    if (this.dropped > 0) {
      const note: LogRecord = {
        t: new Date().toISOString(),
        level: 'warn',
        scope: 'log',
        msg: `${this.dropped} line(s) dropped: the log file could not keep up`,
      };
      chunk = `${JSON.stringify(note)}\n`;
      this.dropped = 0;
    }
    while (this.queue.length > 0 && (chunk === '' || chunk.length + this.queue[0]!.length <= MAX_APPEND_BYTES)) {
      const line = this.queue.shift()!;
      this.queuedBytes -= line.length;
      chunk += line;
    }
    return chunk;
  }

  private async file(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(this.dir, { recursive: true });
    const handle = await open(join(this.dir, LOG_FILE), 'a', 0o600);
    this.size = (await handle.stat()).size;
    this.handle = handle;
    return handle;
  }

  /** herald.log -> .1 -> .2 ... -> .N; what was .N is overwritten (dropped). */
  private async rotate(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    const names = logFileNames(this.keep);
    for (let i = names.length - 1; i > 0; i--) {
      await rename(join(this.dir, names[i - 1]!), join(this.dir, names[i]!)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
    this.size = 0;
  }
}
