// A fake `electron` module for plain-Node tests:   vi.mock('electron', () => import('./fake-electron.ts'))
// The fake lives in fake-electron/ (one file per Electron module). This wrapper pins one instance per test
// worker, so code loaded after vi.resetModules() (e.g. re-running src/main/index.ts) records into the same
// fake the test asserts on.
import * as impl from './fake-electron/index.ts';

const KEY = Symbol.for('herald.test.fake-electron');
const shared = ((globalThis as Record<symbol, unknown>)[KEY] ??= impl) as typeof impl;

export const {
  FakeEvent,
  FakeNativeImage,
  FakeSession,
  FakeWebContents,
  FakeMenuItem,
  app,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  Notification,
  ipcMain,
  ipcRenderer,
  contextBridge,
  shell,
  protocol,
  session,
  powerMonitor,
  safeStorage,
  net,
  dialog,
  globalShortcut,
  resetFake,
} = shared;
export default shared.default;
