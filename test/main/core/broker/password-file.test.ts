// Mosquitto's password file: files made by Debian's mosquitto_passwd are read, and what Herald writes is read
// by Mosquitto itself.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  parsePasswordFile,
  readPasswordFile,
  setPassword,
  verifyPassword,
} from '../../../../src/main/core/broker/password-file.ts';
import { startMosquitto } from '../../../helpers/mosquitto.ts';
import { tempDir } from '../../../helpers/core.ts';
import { run } from './broker-helpers.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function scratch(): string {
  const dir = tempDir('herald-passwd-');
  dirs.push(dir);
  return dir.path;
}

describe('reading mosquitto_passwd files', () => {
  test('$7$ (PBKDF2-SHA512, the default) and $6$ (SHA-512, -H sha512) entries verify', async () => {
    const file = join(scratch(), 'passwd');
    execFileSync('mosquitto_passwd', ['-c', '-b', file, 'alice', 'correct horse']);
    execFileSync('mosquitto_passwd', ['-H', 'sha512', '-b', file, 'bob', 'hunter2']);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^alice:\$7\$/m);
    expect(text).toMatch(/^bob:\$6\$/m);
    const users = readPasswordFile(file);
    expect(users.problems).toEqual([]);
    expect(await verifyPassword(users, 'alice', Buffer.from('correct horse'))).toBe(true);
    expect(await verifyPassword(users, 'alice', Buffer.from('correct hors'))).toBe(false);
    expect(await verifyPassword(users, 'bob', Buffer.from('hunter2'))).toBe(true);
    expect(await verifyPassword(users, 'bob', Buffer.from('hunter3'))).toBe(false);
    expect(await verifyPassword(users, 'carol', Buffer.from('hunter2'))).toBe(false);
  });

  test('bad lines are reported with their number and skipped; the others still count', async () => {
    const file = join(scratch(), 'passwd');
    execFileSync('mosquitto_passwd', ['-c', '-b', file, 'alice', 'pw']);
    const good = readFileSync(file, 'utf8').trim();
    const parsed = parsePasswordFile(
      ['# users', 'no-colon-here', 'plain:secret', 'odd:$9$x$y', 'slow:$7$99999999$c2FsdA==$aGFzaA==', good].join('\n'),
    );
    expect(parsed.problems).toEqual([
      'line 2: expected "name:hash"',
      'line 3 (plain): a plain-text password; hash it with mosquitto_passwd -U',
      'line 4 (odd): unknown hash format "$9$" (Herald reads $6$ and $7$)',
      'line 5 (slow): iteration count "99999999" is out of range',
    ]);
    expect([...parsed.users.keys()]).toEqual(['alice']);
    expect(await verifyPassword(parsed, 'alice', Buffer.from('pw'))).toBe(true);
  });
});

describe('writing $7$ entries', () => {
  test('Mosquitto itself accepts a file Herald wrote, and refuses a wrong password', async () => {
    const dir = scratch();
    const file = join(dir, 'passwd');
    setPassword(file, 'sensor', 'pa55word');
    setPassword(file, 'admin', 'first');
    setPassword(file, 'admin', 'second'); // replaces, never duplicates
    setPassword(file, 'gone', 'x');
    setPassword(file, 'gone', undefined); // removes
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['sensor', 'admin']);
    expect(lines[0]).toMatch(/^sensor:\$7\$101\$[A-Za-z0-9+/=]{16}\$[A-Za-z0-9+/=]{88}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const mosquitto = await startMosquitto({ extraConfig: ['allow_anonymous false', `password_file ${file}`] });
    try {
      const pub = (user: string, password: string) =>
        run('mosquitto_pub', ['-p', String(mosquitto.port), '-u', user, '-P', password, '-t', 't', '-m', 'x']);
      expect((await pub('sensor', 'pa55word')).code).toBe(0);
      expect((await pub('admin', 'second')).code).toBe(0);
      const wrong = await pub('admin', 'first');
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/not authori[sz]ed/i);
    } finally {
      await mosquitto.stop();
    }
  });

  test('a user name Mosquitto could not read back is refused', () => {
    const file = join(scratch(), 'passwd');
    writeFileSync(file, '');
    expect(() => setPassword(file, 'a:b', 'x')).toThrow(/cannot be a user name/);
    expect(() => setPassword(file, '', 'x')).toThrow(/cannot be a user name/);
  });
});
