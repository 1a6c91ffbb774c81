// Opens an electron-store file so that a damaged one never costs the user their data silently: electron-store
// is told not to clear invalid files, and when reading fails the file is renamed aside and a fresh store opened.
import Store, { type Options } from 'electron-store';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { datedBackupPath } from '../core/settings/settings-file.ts';

export interface OpenedStore<T extends Record<string, unknown>> {
  store: Store<T>;
  /** Set when the existing file could not be read; says where it was kept. */
  warning?: string;
}

type StoreOptions<T extends Record<string, unknown>> = Options<T> & { cwd: string; name: string };

/** Opens the store and reads it once; `accept` may refuse the content (e.g. a zod check) by throwing. */
export function openStoreSettingCorruptAside<T extends Record<string, unknown>>(
  options: StoreOptions<T>,
  accept: (data: Record<string, unknown>) => void = () => {},
  now: () => Date = () => new Date(),
): OpenedStore<T> {
  const open = () => {
    const store = new Store<T>({ ...options, clearInvalidConfig: false });
    // electron-store reads lazily; reading here makes a corrupt file fail now, where we can handle it.
    accept(store.store);
    return store;
  };
  try {
    return { store: open() };
  } catch (err) {
    const file = join(options.cwd, `${options.name}.json`);
    if (!existsSync(file)) throw err;
    const aside = datedBackupPath(file, 'corrupt', now());
    renameSync(file, aside);
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      store: open(),
      warning: `${file} could not be read (${reason}); it was kept as ${aside} and defaults are used.`,
    };
  }
}
