// The built main bundle (out/main/index.js: shell + real core + bundled electron-store) run in plain Node on
// the fake Electron. Catches what unit tests cannot: bundling mistakes, ESM/CJS interop, and the wiring between
// the shell and the real core, broker and inbox. Runs everywhere; the real-Electron test is app.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { freePort } from '../helpers/ports.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MAIN_ENTRY = join(REPO_ROOT, 'out', 'main', 'index.js');
const RUNNER = fileURLToPath(new URL('./run-bundle-with-fake-electron.ts', import.meta.url));

let userData: string | undefined;
afterEach(() => {
  if (userData) rmSync(userData, { recursive: true, force: true });
});

function runChild(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [RUNNER, pathToFileURL(MAIN_ENTRY).href], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

test(
  'the built app runs on fake Electron: message in, notification, tray count, IPC, quit',
  { timeout: 60_000 },
  async (ctx) => {
    if (!existsSync(MAIN_ENTRY)) return ctx.skip(`${MAIN_ENTRY} is not built: run \`npm run build\``);
    userData = mkdtempSync(join(tmpdir(), 'herald-bundle-'));
    const brokerPort = await freePort();
    const { code, stdout, stderr } = await runChild({
      HERALD_USER_DATA_DIR: userData,
      HERALD_BROKER_PORT: String(brokerPort),
    });
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);

    expect(result.errors).toEqual([]);
    expect(result.notification).toMatchObject({ urgency: 'normal' });
    expect(result.notification.body).toMatch(/^smoke \d+/);
    expect(result.tooltip).toBe('Herald — 1 unread\nLocal broker: connected');
    expect(result.trayImages).toBeGreaterThanOrEqual(2);
    expect(result.badgeCounts).toContain(1);
    expect(result.listed).toEqual([expect.stringMatching(/^smoke \d+/)]);
    expect(result.foreign).toMatchObject({ ok: false });
    expect(result.sentEvents).toEqual(expect.arrayContaining(['app.state', 'inbox.changed', 'ui.openMessage']));
    expect(result.sentEvents).not.toContain('notify');
    expect(result.windowVisible).toBe(true);
    expect(result.pageStatus).toBe(200);
    expect(result.csp).toContain("script-src 'self'");
    expect(result.quitCalls).toBe(2);
  },
);
