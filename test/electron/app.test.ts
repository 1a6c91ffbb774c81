// The real app in a real Electron, driven by Playwright. Electron's binary cannot be downloaded everywhere
// (not on the build machine, not in offline CI), so this runs only where one exists — node_modules/electron
// with its dist, or HERALD_ELECTRON_PATH — and otherwise reports itself skipped with the reason.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync } from 'mqtt';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { freePort } from '../helpers/ports.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MAIN_ENTRY = join(REPO_ROOT, 'out', 'main', 'index.js');

/** The Electron binary to run, or why there is none. Never triggers the package's download. */
function findElectron(): { path: string } | { reason: string } {
  const override = process.env.HERALD_ELECTRON_PATH;
  if (override)
    return existsSync(override) ? { path: override } : { reason: `HERALD_ELECTRON_PATH=${override} does not exist` };
  const packageDir = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile))
    return { reason: 'node_modules/electron has no downloaded binary (path.txt missing); set HERALD_ELECTRON_PATH' };
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `${binary} is missing; set HERALD_ELECTRON_PATH` };
}

function unavailableReason(): string | null {
  const electron = findElectron();
  if ('reason' in electron) return electron.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (DISPLAY is not set); run the tests under xvfb-run';
  }
  return null;
}

const skipReason = unavailableReason();
// The default reporter prints only "1 skipped"; say why in the run's output too.
if (skipReason) console.warn(`Electron app test skipped: ${skipReason}`);

describe('Herald in Electron', () => {
  let app: ElectronApplication | undefined;
  let userData: string | undefined;

  afterEach(async () => {
    await app?.close().catch(() => {});
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('the window shows the inbox and a message published to the embedded broker appears', async (ctx) => {
    if (skipReason) return ctx.skip(`Electron binary not available: ${skipReason}`);
    expect(existsSync(MAIN_ENTRY), `${MAIN_ENTRY} is missing: run \`npm run build\` first`).toBe(true);

    const executablePath = (findElectron() as { path: string }).path;
    userData = mkdtempSync(join(tmpdir(), 'herald-electron-'));
    const brokerPort = await freePort();
    app = await _electron.launch({
      executablePath,
      // Chromium refuses to start as root with its sandbox (CI containers); the page sandbox stays on.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN_ENTRY],
      cwd: REPO_ROOT,
      env: { ...process.env, HERALD_USER_DATA_DIR: userData, HERALD_BROKER_PORT: String(brokerPort) },
      timeout: 30_000,
    });

    const page = await app.firstWindow();
    expect(page.url()).toBe('app://herald/index.html');
    // The preload gave the page its one bridge object, and nothing of Node.
    expect(await page.evaluate(() => Object.keys((window as unknown as { herald: object }).herald).sort())).toEqual([
      'invoke',
      'subscribe',
    ]);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await page.getByTestId('unread-count').waitFor({ timeout: 20_000 });

    const body = `hello from the electron test ${Date.now()}`;
    const client = await connectAsync(`mqtt://127.0.0.1:${brokerPort}`, { connectTimeout: 10_000 });
    try {
      await client.publishAsync('herald/electron-test', body, { qos: 1 });
    } finally {
      await client.endAsync();
    }
    await page.getByTestId('message-row').filter({ hasText: body }).waitFor({ timeout: 20_000 });

    // Closing the window hides it to the tray; the app keeps running.
    const afterClose = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      window?.close();
      return BrowserWindow.getAllWindows().map((each) => ({
        destroyed: each.isDestroyed(),
        visible: each.isVisible(),
      }));
    });
    expect(afterClose).toEqual([{ destroyed: false, visible: false }]);
  });
});
