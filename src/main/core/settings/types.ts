import { SECRET_FIELDS, type SecretField, type SecretValues } from '../../../shared/sources.ts';
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

/** Where a source's write-only secret (password, token, TLS private key) is kept. */
export const sourceSecretKey = (sourceId: string, field: SecretField) => `source:${sourceId}:${field}`;
export const BROKER_PASSWORD_KEY = 'broker:password';
/** The bridge's password for its upstream broker. */
export const BRIDGE_PASSWORD_KEY = 'broker:bridge-password';
/** Every secret of the embedded broker (the policy's "broker" lock covers them all). */
export const BROKER_SECRET_KEYS = [BROKER_PASSWORD_KEY, BRIDGE_PASSWORD_KEY] as const;

/** Every secret stored for a source. */
export function loadSourceSecrets(store: SecretStore, sourceId: string): SecretValues {
  const secrets: SecretValues = {};
  for (const field of SECRET_FIELDS) {
    const value = store.get(sourceSecretKey(sourceId, field));
    if (value !== undefined) secrets[field] = value;
  }
  return secrets;
}

/** Separates what a user submitted into the settings to save and the secrets to keep apart. */
export function splitSecrets<T extends SecretValues>(
  input: T,
): { config: Omit<T, SecretField>; secrets: SecretValues } {
  const config: Record<string, unknown> = { ...input };
  const secrets: SecretValues = {};
  for (const field of SECRET_FIELDS) {
    const value = input[field];
    delete config[field];
    if (value !== undefined) secrets[field] = value;
  }
  return { config: config as Omit<T, SecretField>, secrets };
}
