// Passwords encrypted with the OS keyring (safeStorage: Keychain, DPAPI, libsecret/KWallet), kept as base64
// ciphertext in their own electron-store file 'secrets.json', never inside config.json. Where no keyring is
// available we refuse to store rather than keep something that only looks protected.
import { safeStorage } from 'electron';
import { openStoreSettingCorruptAside } from './json-store.ts';
import type { SecretStore } from '../core/settings/types.ts';
import { errorMessage } from '../../shared/error-message.ts';

export interface SafeStorageSecretsOptions {
  /** Folder of secrets.json: app.getPath('userData'). */
  cwd: string;
  platform?: NodeJS.Platform;
  /** Receives problems met while opening (a corrupt file set aside) for the UI's warnings. */
  warnings?: string[];
}

/** On Linux without a keyring, safeStorage "encrypts" with a hard-coded key (basic_text): not secure. */
export function isSecretStorageSecure(platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
  return true;
}

export function createSafeStorageSecrets(options: SafeStorageSecretsOptions): SecretStore {
  const platform = options.platform ?? process.platform;
  const opened = openStoreSettingCorruptAside<Record<string, string>>({
    cwd: options.cwd,
    name: 'secrets',
    // Keys look like "source:<id>:password"; ids are not paths, so no dot-notation lookups.
    accessPropertiesByDotNotation: false,
  });
  if (opened.warning) options.warnings?.push(`Secrets: ${opened.warning} Passwords must be entered again.`);
  const { store } = opened;

  return {
    // Asked each time: the keyring can become available (or be unlocked) while the app runs.
    get secure() {
      return isSecretStorageSecure(platform);
    },
    get(key) {
      const cipher = store.get(key);
      if (typeof cipher !== 'string') return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(cipher, 'base64'));
      } catch (err) {
        // A changed or reset keyring: the password is lost, the source simply has none until re-entered.
        console.warn(`[herald] could not decrypt secret "${key}": ${errorMessage(err)}`);
        return undefined;
      }
    },
    set(key, value) {
      if (value === undefined) {
        store.delete(key);
        return;
      }
      if (!isSecretStorageSecure(platform)) {
        throw new Error(
          'Cannot save the password: no system keyring is available to encrypt it (on Linux, install and unlock ' +
            'GNOME Keyring or KWallet). Herald does not store passwords in plain text.',
        );
      }
      store.set(key, safeStorage.encryptString(value).toString('base64'));
    },
  };
}
