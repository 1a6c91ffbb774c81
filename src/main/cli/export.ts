// `herald export`: the whole inbox as JSON Lines on a stream. Opens the database read-only, so it runs safely
// beside a Herald that is writing to it (WAL readers never block the writer, nor the writer them).
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { MessageStore } from '../core/store/message-store.ts';

export const INBOX_FILE = 'inbox.sqlite';

/** Writes one JSON object per message, oldest first, and returns how many were written. */
export async function exportInbox(dataDir: string, out: NodeJS.WritableStream): Promise<number> {
  const file = join(dataDir, INBOX_FILE);
  if (!existsSync(file)) throw new Error(`no inbox at ${file}`);
  const store = MessageStore.open(file, { readOnly: true });
  let count = 0;
  try {
    for (const row of store.exportAll()) {
      count++;
      // Respect back-pressure: a slow pipe (e.g. `herald export | gzip > f`) must not buffer the whole inbox.
      if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain');
    }
  } finally {
    store.close();
  }
  return count;
}
