// Opening the inbox file: one SQLite database in WAL mode, so the app writes while `herald export` (another
// process) reads. A writer brings the schema up to date; a reader refuses a schema it does not know.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { errorMessage } from '../../../shared/error-message.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { defineIndexedText } from './search-index.ts';

export interface StoreOpenOptions {
  /** For readers such as `herald export`: no schema changes, no writes, works beside a running writer. */
  readOnly?: boolean;
}

// SQLite result codes that mean "these bytes are not a usable database" rather than a passing problem.
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

export function openInboxDatabase(file: string, options: StoreOpenOptions = {}): DatabaseSync {
  const readOnly = options.readOnly === true;
  if (!readOnly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { readOnly });
  } catch (err) {
    throw openError(file, err);
  }
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    if (readOnly) {
      checkReadableVersion(db, file);
    } else {
      db.exec('PRAGMA journal_mode = WAL');
      // In WAL mode NORMAL is still corruption-safe; a power cut can only lose the last commits.
      db.exec('PRAGMA synchronous = NORMAL');
      migrate(db, file);
    }
    return db;
  } catch (err) {
    db.close();
    throw openError(file, err);
  }
}

/** Runs `work` in one write transaction: all of it is committed, or none of it. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  // IMMEDIATE takes the write lock up front, so a busy database fails (after busy_timeout) before any work.
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

function userVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

function checkReadableVersion(db: DatabaseSync, file: string): void {
  const version = userVersion(db);
  if (version === SCHEMA_VERSION) return;
  throw new Error(
    version === 0
      ? `${file} is not a Herald inbox (it has no messages table)`
      : `inbox ${file} has schema version ${version}, this Herald reads version ${SCHEMA_VERSION}`,
  );
}

function migrate(db: DatabaseSync, file: string): void {
  const current = userVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `inbox ${file} has schema version ${current}, newer than this Herald understands (${SCHEMA_VERSION})`,
    );
  }
  if (current < SCHEMA_VERSION) defineIndexedText(db);
  for (let version = current; version < SCHEMA_VERSION; version++) {
    inTransaction(db, () => {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}

function openError(file: string, err: unknown): Error {
  const code = (err as { errcode?: number }).errcode;
  const reason = errorMessage(err);
  if (code === SQLITE_NOTADB || code === SQLITE_CORRUPT) {
    return new Error(
      `cannot open inbox ${file}: it is not a valid SQLite database (${reason}). ` +
        'The file was left untouched; move it aside to start a new inbox.',
      { cause: err },
    );
  }
  if (reason.includes(file)) return err as Error;
  return new Error(`cannot open inbox ${file}: ${reason}`, { cause: err });
}
