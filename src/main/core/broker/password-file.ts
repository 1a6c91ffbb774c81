// Users in Mosquitto's own password file format, so an admin's existing file (made with `mosquitto_passwd`) works
// as it is, and a file Herald writes works in Mosquitto. One line per user: `name:$7$<iterations>$<salt>$<hash>`
// (PBKDF2-HMAC-SHA512, what mosquitto_passwd 2.0 writes) or `name:$6$<salt>$<hash>` (SHA-512 of password then
// salt, Mosquitto 1.6 and older); salt and hash in base64.
import { createHash, pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from '../atomic-file.ts';

type PasswordHash =
  { kind: 'sha512'; salt: Buffer; hash: Buffer } | { kind: 'pbkdf2'; iterations: number; salt: Buffer; hash: Buffer };

export interface PasswordFile {
  /** Each user's hash, by user name. */
  readonly users: ReadonlyMap<string, PasswordHash>;
  /** Lines that were skipped, with their line number and why; the rest of the file still counts. */
  readonly problems: string[];
}

/** What Mosquitto 2.0's mosquitto_passwd writes; Mosquitto reads the count from the file, so it stays compatible. */
const PBKDF2_ITERATIONS = 101;
const SALT_BYTES = 12;
const HASH_BYTES = 64;
/** A count this high is not a password file but an attempt to make every login burn the CPU. */
const MAX_ITERATIONS = 1_000_000;

export function parsePasswordFile(text: string): PasswordFile {
  const users = new Map<string, PasswordHash>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = line.indexOf(':');
    if (at <= 0) {
      problems.push(`line ${index + 1}: expected "name:hash"`);
      return;
    }
    const hash = parseHash(line.slice(at + 1));
    if (typeof hash === 'string') problems.push(`line ${index + 1} (${line.slice(0, at)}): ${hash}`);
    else users.set(line.slice(0, at), hash);
  });
  return { users, problems };
}

function parseHash(field: string): PasswordHash | string {
  const parts = field.split('$');
  // `$7$101$salt$hash` splits as ['', '7', '101', 'salt', 'hash'].
  if (parts[0] !== '') return 'a plain-text password; hash it with mosquitto_passwd -U';
  if (parts[1] === '6' && parts.length === 4) {
    return { kind: 'sha512', salt: Buffer.from(parts[2]!, 'base64'), hash: Buffer.from(parts[3]!, 'base64') };
  }
  if (parts[1] === '7' && parts.length === 5) {
    const iterations = Number(parts[2]);
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
      return `iteration count "${parts[2]}" is out of range`;
    }
    return {
      kind: 'pbkdf2',
      iterations,
      salt: Buffer.from(parts[3]!, 'base64'),
      hash: Buffer.from(parts[4]!, 'base64'),
    };
  }
  return `unknown hash format "$${parts[1] ?? ''}$" (Herald reads $6$ and $7$)`;
}

export function readPasswordFile(path: string): PasswordFile {
  return parsePasswordFile(readFileSync(path, 'utf8'));
}

/** Whether `password` is this user's; false for an unknown user. Never throws on wrong input. */
export async function verifyPassword(file: PasswordFile, user: string, password: Buffer): Promise<boolean> {
  const entry = file.users.get(user);
  if (!entry || entry.hash.length === 0) return false;
  const actual =
    entry.kind === 'sha512'
      ? createHash('sha512').update(password).update(entry.salt).digest()
      : await pbkdf2Async(password, entry.salt, entry.iterations, entry.hash.length);
  return actual.length === entry.hash.length && timingSafeEqual(actual, entry.hash);
}

function pbkdf2Async(password: Buffer, salt: Buffer, iterations: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    pbkdf2(password, salt, iterations, length, 'sha512', (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A `$7$` line for this user, as mosquitto_passwd writes it. */
export function passwordLine(user: string, password: string): string {
  if (user === '' || user.includes(':') || /[\r\n]/.test(user)) {
    throw new Error(`"${user}" cannot be a user name: it must be non-empty, without ":" or line breaks`);
  }
  const salt = randomBytes(SALT_BYTES);
  // Synchronous on purpose: writing a user is a rare, interactive act, and 101 rounds take microseconds.
  const key = pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, HASH_BYTES, 'sha512');
  return `${user}:$7$${PBKDF2_ITERATIONS}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Sets (or, with `password` undefined, removes) one user in a password file, keeping every other line as it
 * was. Written to a temporary file first and renamed, so a crash never leaves half a file.
 */
export function setPassword(path: string, user: string, password: string | undefined): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = existing.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith(`${user}:`));
  if (password !== undefined) lines.push(passwordLine(user, password));
  writeFileAtomically(path, `${lines.join('\n')}\n`);
}
