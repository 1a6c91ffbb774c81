import { beforeEach, expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { openExternalSafely } = await import('../../../src/main/electron/external-links.ts');

beforeEach(() => {
  fake.resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

test.each([
  'file:///etc/passwd',
  'javascript:alert(1)',
  'smb://attacker.example/share',
  'ms-msdt:/id PCWDiagnostic',
  'data:text/html,<script>alert(1)</script>',
  'not a url',
  '',
])('refuses %s', (url) => {
  expect(openExternalSafely(url)).toBe(false);
  expect(fake.shell.opened).toEqual([]);
});

test('refuses non-strings', () => {
  expect(openExternalSafely({ toString: () => 'https://example.com' })).toBe(false);
  expect(openExternalSafely(undefined)).toBe(false);
  expect(fake.shell.opened).toEqual([]);
});

test.each(['https://example.com/path?q=1', 'http://192.168.1.10:8080/'])('opens %s in the browser', (url) => {
  expect(openExternalSafely(url)).toBe(true);
  expect(fake.shell.opened).toEqual([url]);
});
