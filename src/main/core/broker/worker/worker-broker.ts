// The core's side of the broker worker (broker-worker.ts): starts it with the broker's options and gives back a
// RunningBroker whose facts came from the worker, whose refused connections the worker passes on as they happen
// (so the app state reads them without waiting), and whose inspector asks the worker. A start the worker refused
// rejects as it would in this thread (BrokerConfigError for a refused configuration). A worker that dies is told
// to `onExit` with the reason; closing stops it and frees its ports.
import { startWorker } from '../../start-worker.ts';
import { configureLogging, logger } from '../../logging/logger.ts';
import type { BrokerInspection } from '../broker-inspector.ts';
import { BrokerConfigError, type RunningBroker } from '../embedded-broker.ts';
import { REFUSED_KEPT, type RefusedConnection } from '../refused-log.ts';
import type { BridgeStatus } from '../../../../shared/bridge.ts';
import type {
  BrokerReply,
  BrokerRequest,
  BrokerWorkerData,
  InspectOp,
  WorkerBrokerOptions as BrokerOptions,
} from './broker-protocol.ts';

// Not a literal in `new URL(...)`, so a bundler leaves it alone; a bundled host passes its own (brokerWorker).
const WORKER_SOURCE = './broker-worker.ts';
/** The worker as it runs from source (Node's type stripping): `herald serve`, tests. */
export const SOURCE_BROKER_WORKER_URL = new URL(WORKER_SOURCE, import.meta.url);
/** A worker that does not finish closing in this time is stopped outright (which frees its ports too). */
const CLOSE_WAIT_MS = 5_000;

export interface WorkerBrokerOptions {
  /** The worker's entry; SOURCE_BROKER_WORKER_URL by default. */
  workerUrl?: URL;
  /** Told once when the worker stopped without being closed (a crash, out of memory), with the reason. */
  onExit?: (reason: string) => void;
  /** Told when the bridge's state changes (and of its counters, at most once a second). */
  onBridgeChange?: (status: BridgeStatus) => void;
}

/** A RunningBroker in a worker thread, with what tests need to see that thread and to crash it. */
export interface WorkerBroker extends RunningBroker {
  readonly threadId: number;
  /** Stops the worker abruptly, as a crash would. */
  crashForTest(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function startBrokerWorker(
  options: BrokerOptions,
  { workerUrl = SOURCE_BROKER_WORKER_URL, onExit, onBridgeChange }: WorkerBrokerOptions = {},
): Promise<WorkerBroker> {
  const data: BrokerWorkerData = { options, logLevel: configureLogging({}).level };
  const worker = startWorker(workerUrl, data);
  const refused: RefusedConnection[] = [];
  let bridge: BridgeStatus | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let started = false;
  let closing: Promise<void> | null = null;
  let crash: string | null = null;
  let exited = false;

  const ask = (op: InspectOp) => {
    return (...args: unknown[]) => {
      if (closing || exited) return Promise.reject(new Error('the embedded broker is not running'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, op, args } satisfies BrokerRequest);
      });
    };
  };
  const inspector = {
    clients: ask('clients'),
    counters: ask('counters'),
    retained: ask('retained'),
    deleteRetained: ask('deleteRetained'),
  } as BrokerInspection;

  return new Promise((resolve, reject) => {
    worker.on('message', (message: BrokerReply) => {
      if ('log' in message) {
        const { scope, level, msg, error } = message.log;
        if (level === 'debug') logger(scope).debug(msg);
        else logger(scope)[level](msg, error);
      } else if ('refused' in message) {
        refused.push(message.refused);
        if (refused.length > REFUSED_KEPT) refused.shift();
      } else if ('bridge' in message && !('started' in message)) {
        bridge = message.bridge;
        onBridgeChange?.(message.bridge);
      } else if ('started' in message) {
        started = true;
        bridge = message.bridge;
        resolve({
          ...message.started,
          threadId: worker.threadId,
          refused: () => refused.map((entry) => ({ ...entry })),
          bridge: () => bridge && { ...bridge },
          inspector,
          close,
          crashForTest: async () => {
            await worker.terminate();
          },
        });
      } else if ('failed' in message) {
        crash = message.failed;
        reject(message.config ? new BrokerConfigError(message.failed) : new Error(message.failed));
      } else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiting?.resolve(message.value);
        else waiting?.reject(new Error(message.error));
      }
    });
    worker.on('error', (err) => {
      crash ??= err.message;
    });
    worker.once('exit', (code) => {
      exited = true;
      const reason = crash ?? `the broker worker stopped (exit ${code})`;
      for (const waiting of pending.values()) waiting.reject(new Error(reason));
      pending.clear();
      if (!started) return reject(new Error(reason));
      if (!closing) onExit?.(reason);
    });
  });

  function close(): Promise<void> {
    closing ??= new Promise<void>((done) => {
      if (exited) return done();
      const timer = setTimeout(() => void worker.terminate(), CLOSE_WAIT_MS);
      worker.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      worker.postMessage({ control: 'close' } satisfies BrokerRequest);
    });
    return closing;
  }
}
