import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { CONTENT_SECURITY_POLICY, isAppUrl, registerAppScheme, serveRenderer } =
  await import('../../../src/main/electron/app-protocol.ts');

let root: string;
let rendererDir: string;
const SECRET = 'top-secret-do-not-serve';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'herald-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'renderer-sibling.txt'), SECRET);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  fake.resetFake();
  serveRenderer(rendererDir);
});

describe('app:// protocol', () => {
  test('is registered as a privileged standard, secure scheme', () => {
    registerAppScheme();
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  test('serves the renderer with a strict CSP and the right content types', async () => {
    const page = await fake.protocol.request('app://herald/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="root"');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");

    const script = await fake.protocol.request('app://herald/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fake.protocol.request('app://herald/')).status).toBe(200);
  });

  test('unknown files are 404, still with the CSP header', async () => {
    const missing = await fake.protocol.request('app://herald/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  test.each([
    'app://herald/../secret.txt',
    'app://herald/%2e%2e/secret.txt',
    'app://herald/..%2fsecret.txt',
    'app://herald/assets/..%2F..%2Fsecret.txt',
    'app://herald/%2e%2e%5csecret.txt',
    'app://herald/..%2f..%2frenderer-sibling.txt',
    'app://herald/%2Fetc%2Fpasswd',
    'app://other-host/index.html',
  ])('refuses to serve anything outside the renderer folder: %s', async (url) => {
    const response = await fake.protocol.request(url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
  });

  test('isAppUrl parses instead of prefix-matching', () => {
    expect(isAppUrl('app://herald/index.html')).toBe(true);
    expect(isAppUrl('app://herald.evil/index.html')).toBe(false);
    expect(isAppUrl('app://heraldx/')).toBe(false);
    expect(isAppUrl('https://herald/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
  });
});
