// A choice the user makes once for this browser profile (language, theme), kept in localStorage and shared by
// every component that shows it: a change re-renders them all, in this window and in others on the same origin.
import { useSyncExternalStore } from 'react';

export interface StoredChoice<T extends string> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
  /** The value before the user chose (and what a render without a DOM shows). */
  fallback: T;
}

export function storedChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): StoredChoice<T> {
  const listeners = new Set<() => void>();
  const parse = (raw: string | null): T =>
    (allowed as readonly (string | null)[]).includes(raw) ? (raw as T) : fallback;
  let current = parse(readStorage(key));
  const notify = () => listeners.forEach((listener) => listener());

  const choice: StoredChoice<T> = {
    get: () => current,
    set(value) {
      current = parse(value);
      writeStorage(key, current);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      // Another window of the same profile changed it.
      const onStorage = (event: StorageEvent) => {
        if (event.key !== key) return;
        current = parse(event.newValue);
        notify();
      };
      if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
      };
    },
    fallback,
  };
  return choice;
}

/** The current value as React state. */
export function useStoredChoice<T extends string>(choice: StoredChoice<T>): T {
  return useSyncExternalStore(choice.subscribe, choice.get, () => choice.fallback);
}

/** Storage can be unavailable (a locked-down profile, a test without a DOM): the choice then lasts this page only. */
export function readStorage(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not kept across reloads; the choice still applies now.
  }
}
