// The core's side of the writer worker (inbox-writer-worker.ts): InboxWrites whose every call is a request on
// a MessageChannel, answered once the worker's transaction committed. A worker that dies (a crash, out of
// memory) fails what it had not answered (nothing of that was acknowledged to a source, which then reconnects
// and is sent it again) and is started again on the same file; what it committed stays committed.
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../../start-worker.ts';
import { logger } from '../../logging/logger.ts';
import type { InboxCounts } from '../message-writes.ts';
import type { InboxWrites, WriteOp } from '../inbox-writes.ts';
import { summaryOf } from '../rows.ts';
import { toColumns } from './message-columns.ts';
import type { StoredIds, WriterData, WriterReply, WriterRequest } from './writer-protocol.ts';

// Not a literal in `new URL(...)`, so a bundler leaves it alone; a bundled host passes its own (writerWorker).
const WORKER_SOURCE = './inbox-writer-worker.ts';
/** The worker as it runs from source (Node's type stripping): `herald serve`, tests. */
export const SOURCE_WORKER_URL = new URL(WORKER_SOURCE, import.meta.url);

const RESTART_FIRST_MS = 100;
const RESTART_MAX_MS = 5_000;
const log = logger('inbox');

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface WorkerWritesOptions {
  /** The worker's entry; SOURCE_WORKER_URL by default. */
  workerUrl?: URL;
  /** Told when a worker died and another was started (for the log and tests). */
  onRestart?: (reason: string) => void;
}

export class WorkerWrites implements InboxWrites {
  private readonly file: string;
  private readonly options: WorkerWritesOptions;
  private worker!: Worker;
  private port!: MessagePort;
  private latest: InboxCounts;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private closing: Promise<void> | null = null;
  private restartDelay = RESTART_FIRST_MS;
  private paused = false;

  /** Starts the worker on `file` (it brings the schema up to date); rejects with its reason if it cannot open it. */
  static async start(file: string, options: WorkerWritesOptions = {}): Promise<WorkerWrites> {
    const writes = new WorkerWrites(file, options);
    writes.latest = await writes.spawn();
    return writes;
  }

  private constructor(file: string, options: WorkerWritesOptions) {
    this.file = file;
    this.options = options;
    this.latest = { unread: 0, total: 0 };
  }

  counts(): InboxCounts {
    return { ...this.latest };
  }

  /** The worker answers with ids; the summaries are made here from the messages sent (as the store makes them). */
  applyBatch: InboxWrites['applyBatch'] = async (messages, state) => {
    const stored = (await this.send('applyBatch', [toColumns(messages), state])) as StoredIds;
    return {
      results: stored.ids.map((id, i) => (id === null ? null : summaryOf(id, messages[i]!))),
      removedIds: stored.removedIds,
      readIds: stored.readIds,
    };
  };
  markRead = this.request('markRead');
  markUnread = this.request('markUnread');
  markAllRead = this.request('markAllRead');
  markReadStep = this.request('markReadStep');
  pin = this.request('pin');
  delete = this.request('delete');
  indexSearchStep = this.request('indexSearchStep');
  putInflight = this.request('putInflight');

  /** Holds every write in the worker, unanswered, until resume(): to see back-pressure at work. */
  pause(): void {
    this.paused = true;
    this.port.postMessage({ control: 'pause' } satisfies WriterRequest);
  }

  resume(): void {
    this.paused = false;
    this.port.postMessage({ control: 'resume' } satisfies WriterRequest);
  }

  /** Stops the worker abruptly, as a crash would; it is started again like after one. */
  async crashForTest(): Promise<void> {
    await this.worker.terminate();
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      // A worker that died and is not started again yet: nothing is left to finish.
      if (this.worker.threadId === -1) return resolve();
      this.worker.once('exit', () => resolve());
      this.port.postMessage({ control: 'close' } satisfies WriterRequest);
    });
    return this.closing;
  }

  private request<K extends WriteOp>(op: K): InboxWrites[K] {
    return ((...args: unknown[]) => this.send(op, args)) as unknown as InboxWrites[K];
  }

  private send(op: WriteOp, args: unknown[]): Promise<unknown> {
    if (this.closing) return Promise.reject(new Error('the inbox is closed; nothing was written'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ id, op, args } satisfies WriterRequest);
    });
  }

  /** Starts a worker; resolves with the counts once it has the inbox open. */
  private spawn(): Promise<InboxCounts> {
    const channel = new MessageChannel();
    const data: WriterData = { file: this.file, port: channel.port2 };
    const worker = startWorker(this.options.workerUrl ?? SOURCE_WORKER_URL, data, [channel.port2]);
    this.worker = worker;
    this.port = channel.port1;
    return new Promise((resolve, reject) => {
      let opened = false;
      channel.port1.on('message', (message: WriterReply) => {
        if ('ready' in message) {
          opened = true;
          this.restartDelay = RESTART_FIRST_MS;
          resolve(message.ready);
        } else if ('failed' in message) {
          reject(new Error(message.failed));
        } else {
          this.answer(message);
        }
      });
      worker.on('error', (err) => {
        if (!opened) reject(err);
      });
      worker.once('exit', (code) => {
        channel.port1.close();
        if (!opened) return reject(new Error(`the inbox writer stopped before it opened ${this.file} (exit ${code})`));
        if (this.closing) return;
        this.died(`the inbox writer stopped (exit ${code})`);
      });
    });
  }

  private answer(message: Extract<WriterReply, { id: number }>): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    this.latest = message.counts;
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error));
  }

  /** Fails what the dead worker did not answer and starts another; its requests go to the new one meanwhile. */
  private died(reason: string): void {
    const failed = [...this.pending.values()];
    this.pending.clear();
    const error = new Error(`${reason}; the write was not committed`);
    for (const pending of failed) pending.reject(error);
    log.error(`${reason}; starting it again`);
    this.options.onRestart?.(reason);
    const delay = this.restartDelay;
    this.restartDelay = Math.min(RESTART_MAX_MS, this.restartDelay * 2);
    const queued: WriterRequest[] = [];
    // Until the new worker exists, requests wait here in order.
    this.port = { postMessage: (request: WriterRequest) => queued.push(request) } as unknown as MessagePort;
    setTimeout(() => {
      if (this.closing) return;
      this.spawn().then(
        (counts) => {
          this.latest = counts;
        },
        (err: Error) => this.died(`the inbox writer could not start again: ${err.message}`),
      );
      if (this.paused) this.port.postMessage({ control: 'pause' } satisfies WriterRequest);
      for (const request of queued) this.port.postMessage(request);
    }, delay).unref();
  }
}
