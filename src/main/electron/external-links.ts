// The only way Herald hands a URL to the OS. Message payloads are untrusted, and shell.openExternal with a
// file:, smb: or custom-protocol URL can run programs or leak credentials, so only web links pass.
import { shell } from 'electron';
import { errorMessage } from '../../shared/error-message.ts';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);
/** Longer than any sane link; refuses absurd inputs before they reach the OS. */
const MAX_URL_LENGTH = 8 * 1024;

export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return false;
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Opens http(s) URLs in the default browser; refuses (and logs) everything else. */
export function openExternalSafely(url: unknown): boolean {
  if (!isSafeExternalUrl(url)) {
    console.warn(`[herald] refused to open external URL: ${String(url).slice(0, 200)}`);
    return false;
  }
  shell.openExternal(url).catch((err: unknown) => {
    console.warn(`[herald] could not open ${url}: ${errorMessage(err)}`);
  });
  return true;
}
