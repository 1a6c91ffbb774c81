// Settings in a JSON file (headless mode; same file name and shape as the app's electron-store file).
// Writes are atomic (temp file + rename). A corrupt or invalid file is set aside, never overwritten.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeIssues } from '../../../shared/contract.ts';
import { Settings, defaultSettings } from './schema.ts';
import type { SettingsRepo } from './types.ts';

export class JsonSettingsRepo implements SettingsRepo {
  readonly file: string;
  readonly warnings: string[] = [];

  constructor(file: string) {
    this.file = file;
  }

  load(): Settings {
    if (!existsSync(this.file)) return defaultSettings();
    let problem: string;
    try {
      const parsed = Settings.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
      problem = describeIssues(parsed.error);
    } catch (err) {
      problem = (err as Error).message;
    }
    const aside = `${this.file}.corrupt-${Date.now()}`;
    renameSync(this.file, aside);
    this.warnings.push(
      `Settings file ${this.file} could not be read (${problem}); it was kept as ${aside} and defaults are used.`,
    );
    return defaultSettings();
  }

  save(settings: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(Settings.parse(settings), null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
