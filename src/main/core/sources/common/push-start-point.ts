// Where a push source (ntfy, Gotify) starts reading before it has stored its first message. Until then the
// inbox holds no cursor for it, and without this record every start would begin at "now": messages sent
// while Herald was off, before the source ever received one, would be skipped. Once the inbox has a cursor
// (saved with each message) the cursor wins and this file no longer matters.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../../logging/logger.ts';

const log = logger('sources');

interface StartRecord {
  /** The server the position belongs to: a changed URL starts over. */
  server: string;
  position: string;
}

export class StartPoint {
  private readonly dir: string;
  private readonly file: string;
  private readonly server: string;

  constructor(dataDir: string, sourceId: string, server: string) {
    this.dir = dataDir;
    this.file = join(dataDir, `${sourceId.replace(/[^A-Za-z0-9_-]/g, '_')}.start.json`);
    this.server = server;
  }

  read(): string | undefined {
    try {
      const record = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StartRecord>;
      return record.server === this.server && typeof record.position === 'string' ? record.position : undefined;
    } catch {
      return undefined;
    }
  }

  write(position: string): void {
    const record: StartRecord = { server: this.server, position };
    try {
      mkdirSync(this.dir, { recursive: true });
      // Write then rename, so a crash never leaves half a file behind.
      const temporary = `${this.file}.tmp`;
      writeFileSync(temporary, JSON.stringify(record));
      renameSync(temporary, this.file);
    } catch (err) {
      // Not fatal: the source works, it just cannot remember where it started across a restart.
      log.warn(`could not save where ${this.file} starts`, err);
    }
  }
}
