// The composition in src/main/index.ts, run against the fake Electron and a stub core: does start-up wire the
// protocol, window, IPC, tray, notifications and power together, and does Quit stop the core?
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { HeraldCoreOptions } from '../../../src/main/core/core-api.ts';
import { createStubCore, type StubCore } from './stub-core.ts';

// See settings-store.test.ts: electron-store (loaded outside vitest) must not make electron download.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
});
vi.mock('electron', () => import('./fake-electron.ts'));
const created = vi.hoisted(() => ({ cores: [] as { options: unknown; core: unknown }[] }));
vi.mock('../../../src/main/core/herald-core.ts', () => ({
  createHeraldCore: async (options: HeraldCoreOptions) => {
    const core = createStubCore({ unread: 4 });
    core.stop = vi.fn(async () => {});
    created.cores.push({ options, core });
    return core;
  },
}));

const fake = await import('./fake-electron.ts');
let userData: string;

beforeEach(() => {
  fake.resetFake();
  created.cores.length = 0;
  vi.resetModules();
  userData = mkdtempSync(join(tmpdir(), 'herald-userdata-'));
  process.env.HERALD_USER_DATA_DIR = userData;
});
afterEach(() => {
  delete process.env.HERALD_USER_DATA_DIR;
  delete process.env.HERALD_BROKER_PORT;
  rmSync(userData, { recursive: true, force: true });
});

async function startApp(): Promise<StubCore> {
  await import('../../../src/main/index.ts');
  await vi.waitFor(() => expect(fake.Tray.instances).toHaveLength(1), { timeout: 15_000 });
  return created.cores[0]!.core as StubCore;
}

test('start-up composes the shell around one core with data in userData', async () => {
  process.env.HERALD_BROKER_PORT = '18830';
  const core = await startApp();
  expect(created.cores).toHaveLength(1);
  expect(created.cores[0]!.options).toMatchObject({ dataDir: userData, brokerPort: 18830 });
  expect(fake.protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app']);
  expect(fake.protocol.handlers.has('app')).toBe(true);
  expect(fake.BrowserWindow.instances).toHaveLength(1);
  const window = fake.BrowserWindow.instances[0]!;
  expect(window.options.webPreferences).toMatchObject({ preload: expect.stringMatching(/preload[\\/]index\.cjs$/) });
  expect(window.loadedUrls).toEqual(['app://herald/index.html']);
  expect(fake.ipcMain.handlers.size).toBe(1);
  expect(fake.app.badgeCounts).toEqual([4]);
  expect(fake.powerMonitor.listenerCount('resume')).toBe(1);

  // notify → a native notification; clicking it shows the window at that message.
  core.emit('notify', { title: 'Hi', body: 'there', priority: 3, messageId: 9, sourceId: 'local', count: 1 });
  expect(fake.Notification.instances).toHaveLength(1);
  fake.Notification.instances[0]!.click();
  expect(window.isVisible()).toBe(true);
  expect(window.webContents.sent.at(-1)).toEqual({ channel: 'herald:event', args: ['ui.openMessage', { id: 9 }] });
});

test('closing the window hides it; Quit from the tray stops the core, then the window really closes', async () => {
  const core = await startApp();
  const window = fake.BrowserWindow.instances[0]!;
  window.close();
  expect(window.isDestroyed()).toBe(false);

  (fake.Tray.instances[0]!.contextMenu as InstanceType<typeof fake.Menu>).item('Quit').click();
  await vi.waitFor(() => expect(core.stop).toHaveBeenCalledTimes(1));
  await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
  window.close();
  expect(window.isDestroyed()).toBe(true);
});

test('the global shortcut shows a hidden window and opens its palette; Quit releases it', async () => {
  const core = await startApp();
  const window = fake.BrowserWindow.instances[0]!;
  window.close();
  expect(window.isVisible()).toBe(false);
  fake.globalShortcut.press('CommandOrControl+Shift+H');
  expect(window.isVisible()).toBe(true);
  expect(window.webContents.sent.at(-1)).toEqual({ channel: 'herald:event', args: ['ui.openPalette', {}] });

  (fake.Tray.instances[0]!.contextMenu as InstanceType<typeof fake.Menu>).item('Quit').click();
  await vi.waitFor(() => expect(core.stop).toHaveBeenCalledTimes(1));
  expect(fake.globalShortcut.isRegistered('CommandOrControl+Shift+H')).toBe(false);
});

test('a second instance quits at once and starts nothing', async () => {
  fake.app.singleInstanceLock = false;
  await import('../../../src/main/index.ts');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(fake.app.quitCalls).toBe(1);
  expect(created.cores).toHaveLength(0);
  expect(fake.BrowserWindow.instances).toHaveLength(0);
});
