// Starting one of the core's worker threads (the inbox writer, the embedded broker) the same way everywhere.
import { Worker, type TransferListItem } from 'node:worker_threads';

/** A worker without the experimental-feature warnings (node:sqlite, type stripping) every start would log. */
export function startWorker(url: URL, workerData: unknown, transferList: TransferListItem[] = []): Worker {
  const options = { workerData, transferList };
  try {
    return new Worker(url, { ...options, execArgv: ['--disable-warning=ExperimentalWarning'] });
  } catch (err) {
    // A runtime that takes no such flag for its workers: the warning is only noise, start without it.
    if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    return new Worker(url, options);
  }
}
