// Hosts whose images the user chose to always load in message bodies. Kept in localStorage: a per-profile
// preference, like the language, not a setting main needs to know.
import { readStorage, writeStorage } from '../../preferences/stored-choice.ts';

const KEY = 'herald.imageHosts';

export function allowedImageHosts(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(readStorage(KEY) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((host): host is string => typeof host === 'string') : []);
  } catch {
    return new Set();
  }
}

export function allowImageHost(host: string): void {
  const hosts = allowedImageHosts();
  hosts.add(host);
  writeStorage(KEY, JSON.stringify([...hosts]));
}
