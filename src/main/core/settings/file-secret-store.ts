// Headless secrets: a separate file readable only by the user (0600), never inside the settings file.
// Without an OS keyring this is the honest best; `secure` says so and the UI shows it.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from './types.ts';

export class FileSecretStore implements SecretStore {
  readonly secure = false;
  private readonly file: string;
  private secrets: Record<string, string>;

  constructor(file: string) {
    this.file = file;
    this.secrets = existsSync(file) ? parseSecrets(readFileSync(file, 'utf8')) : {};
  }

  get(key: string): string | undefined {
    return Object.hasOwn(this.secrets, key) ? this.secrets[key] : undefined;
  }

  set(key: string, value: string | undefined): void {
    const next = { ...this.secrets };
    if (value === undefined) delete next[key];
    else next[key] = value;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(next), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
    this.secrets = next;
  }
}

function parseSecrets(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string'));
    }
  } catch {
    // A damaged secrets file means the passwords must be entered again; the sources still load.
  }
  return {};
}
