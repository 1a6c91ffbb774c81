// The fake `electron` module assembled from one file per Electron module (as Electron Fiddle lays them out).
// Import fake-electron.ts, not this: it keeps a single instance per test worker.
// A small but faithful fake of the Electron APIs the shell uses, for plain-Node tests.
// It mirrors Electron's observable behaviour where the shell depends on it (checkbox items flip `checked`
// before `click`, `close` can be prevented, ipcMain.handle refuses a second handler, contextBridge refuses to
// overwrite a key, safeStorage throws when encryption is unavailable) and records calls so tests can assert.
// The real `electron` package must never be imported in tests: in plain Node it tries to download a binary.
import { resetApp } from './app.ts';
import { BrowserWindow } from './browser-window.ts';
import { dialog } from './dialog.ts';
import { globalShortcut } from './global-shortcut.ts';
import * as electronModules from './electron-modules.ts';
import { resetIpc } from './ipc.ts';
import { net } from './net.ts';
import { Notification } from './notification.ts';
import { powerMonitor } from './power-monitor.ts';
import { resetProtocol } from './protocol.ts';
import { resetSafeStorage } from './safe-storage.ts';
import { shell } from './shell.ts';
import { Tray } from './tray.ts';

export * from './electron-modules.ts';
export { FakeEvent } from './event.ts';
export { FakeNativeImage } from './native-image.ts';
export { FakeSession } from './session.ts';
export { FakeWebContents } from './web-contents.ts';
export { FakeMenuItem } from './menu.ts';

/** Forget everything recorded; call in beforeEach. Listeners added by the code under test are removed too. */
export function resetFake(): void {
  resetApp();
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  resetIpc();
  shell.opened = [];
  resetProtocol();
  powerMonitor.removeAllListeners();
  resetSafeStorage();
  net.online = true;
  dialog.errors = [];
  globalShortcut.reset();
}

const electron = { ...electronModules };
export default electron;
