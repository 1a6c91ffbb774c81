import type { Settings } from './schema.ts';

/** Where settings live: electron-store in the app, a JSON file headless. */
export interface SettingsRepo {
  load(): Settings;
  save(settings: Settings): void;
  /** Problems met while loading (e.g. a corrupt file that was set aside), for the UI to show. */
  readonly warnings: string[];
}

/** Secrets (passwords) kept apart from settings: safeStorage in the app, a 0600 file headless. */
export interface SecretStore {
  get(key: string): string | undefined;
  /** undefined removes the secret. */
  set(key: string, value: string | undefined): void;
  /** False when secrets cannot be stored safely here; the UI warns before saving a password. */
  readonly secure: boolean;
}

export const sourcePasswordKey = (sourceId: string) => sourceSecretKey(sourceId, 'password');
/** Where a source's write-only secret (password, token, TLS private key) is kept. */
export const sourceSecretKey = (sourceId: string, field: 'password' | 'token' | 'tlsKey') =>
  `source:${sourceId}:${field}`;
export const BROKER_PASSWORD_KEY = 'broker:password';
