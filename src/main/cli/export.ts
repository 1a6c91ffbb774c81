// `herald export` and `herald search`: the inbox (or what matches) as JSON Lines (or CSV) on a stream. Opens the
// database read-only, so it runs safely beside a Herald that is writing to it (WAL readers never block the
// writer, nor the writer them).
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { MessageStore, type ExportRow, type ListFilters } from '../core/store/message-store.ts';
import { CSV_HEADER, csvRow } from './csv.ts';

export const INBOX_FILE = 'inbox.sqlite';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Writes one JSON object per message (those that match `filters`), oldest first, or a CSV header and one row
 * per message; returns how many.
 */
export async function exportInbox(
  dataDir: string,
  out: NodeJS.WritableStream,
  filters: ListFilters = {},
  format: ExportFormat = 'jsonl',
): Promise<number> {
  return writeRows(dataDir, out, (store) => store.exportAll(filters), filters.search !== undefined, format);
}

/** `herald search`: the messages that match, newest first, in export's format; returns how many. */
export async function searchInbox(
  dataDir: string,
  out: NodeJS.WritableStream,
  filters: ListFilters,
  limit?: number,
): Promise<number> {
  return writeRows(dataDir, out, (store) => store.searchAll(filters, limit), true);
}

async function writeRows(
  dataDir: string,
  out: NodeJS.WritableStream,
  rows: (store: MessageStore) => Iterable<ExportRow>,
  searching: boolean,
  format: ExportFormat = 'jsonl',
): Promise<number> {
  const file = join(dataDir, INBOX_FILE);
  if (!existsSync(file)) throw new Error(`no inbox at ${file}`);
  const store = MessageStore.open(file, { readOnly: true });
  let count = 0;
  const progress = store.searchIndexProgress();
  if (progress !== null && searching) {
    console.error(
      `herald: the search index is still being built (${progress.indexed} of ${progress.total} messages); ` +
        'older messages are not searched yet',
    );
  }
  const line = format === 'csv' ? csvRow : (row: ExportRow) => JSON.stringify(row) + '\n';
  try {
    if (format === 'csv' && !out.write(CSV_HEADER)) await once(out, 'drain');
    for (const row of rows(store)) {
      count++;
      // Respect back-pressure: a slow pipe (e.g. `herald export | gzip > f`) must not buffer the whole inbox.
      if (!out.write(line(row))) await once(out, 'drain');
    }
  } finally {
    store.close();
  }
  return count;
}
