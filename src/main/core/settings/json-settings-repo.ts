// Settings in a JSON file (headless mode; same file name and shape as the app's electron-store file).
// Writes are atomic (temp file + rename). A file from an earlier version is migrated (its old form kept); a
// corrupt, invalid or newer one is set aside as a dated backup, never overwritten, and the user is told.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeIssues } from '../../../shared/contract.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { logger } from '../logging/logger.ts';
import { migrateSettings } from './migrations.ts';
import { Settings, defaultSettings } from './schema.ts';
import { setAsideUnreadable, upgradeSettingsFile } from './settings-file.ts';
import type { SettingsRepo } from './types.ts';

export class JsonSettingsRepo implements SettingsRepo {
  readonly file: string;
  readonly warnings: string[] = [];
  private readonly now: () => Date;

  constructor(file: string, options: { now?: () => Date } = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
  }

  load(): Settings {
    const upgraded = upgradeSettingsFile(this.file, this.now());
    if (upgraded) logger('settings').info(upgraded);
    if (!existsSync(this.file)) return defaultSettings();
    let problem: string;
    try {
      const parsed = Settings.safeParse(migrateSettings(JSON.parse(readFileSync(this.file, 'utf8'))).document);
      if (parsed.success) return parsed.data;
      problem = describeIssues(parsed.error);
    } catch (err) {
      problem = errorMessage(err);
    }
    this.warnings.push(`Settings file ${setAsideUnreadable(this.file, problem, this.now())}`);
    return defaultSettings();
  }

  save(settings: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(Settings.parse(settings), null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
