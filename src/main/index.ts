// The Electron entry: the one place where the app is composed. Everything here is wiring; behaviour lives in
// src/main/core (plain Node, shared with headless mode) and the small shell modules in src/main/electron.
import { app, dialog, nativeImage, Notification } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTrayIcon } from './core/badge/tray-icon.ts';
import type { HeraldCoreOptions } from './core/core-api.ts';
import { createHeraldCore } from './core/herald-core.ts';
import { policyFileLocation } from './core/settings/policy.ts';
import { isAppUrl, registerAppScheme, serveRenderer } from './electron/app-protocol.ts';
import { createAutostart } from './electron/autostart.ts';
import { connectIpc } from './electron/ipc.ts';
import { claimSingleInstance, manageQuit } from './electron/lifecycle.ts';
import { registerPaletteShortcut } from './electron/palette-shortcut.ts';
import { showNotifications, type NotificationController } from './electron/notifications.ts';
import { reconnectOnWake } from './electron/power.ts';
import { createSafeStorageSecrets } from './electron/safe-storage-secrets.ts';
import { createElectronSettingsRepo } from './electron/settings-store.ts';
import { createTray, type TrayController } from './electron/tray.ts';
import { unpackedPath } from './electron/unpacked.ts';
import { deepLinkIn, handleDeepLinks } from './electron/deep-links.ts';
import { createWindowManager, type WindowManager } from './electron/window.ts';
import { errorMessage } from '../shared/error-message.ts';

const APP_ID = 'dev.herald.app';
const devServerUrl = process.env.ELECTRON_RENDERER_URL || undefined;

// A separate profile for tests and portable runs; must be set before anything reads userData.
if (process.env.HERALD_USER_DATA_DIR) app.setPath('userData', process.env.HERALD_USER_DATA_DIR);
registerAppScheme();
// Windows shows notifications only for an app with an AppUserModelID (the installer registers the same one).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

let windows: WindowManager | null = null;
// Module-level references: a Tray or Notification that only a local variable holds can be garbage-collected,
// and the icon vanishes or clicks stop arriving.
let tray: TrayController | null = null;
let notifications: NotificationController | null = null;
let paletteShortcut: { dispose(): void } | null = null;

let openLink: ((url: string) => void) | null = null;

if (
  !claimSingleInstance((argv) => {
    const link = deepLinkIn(argv);
    if (link && openLink) openLink(link);
    else windows?.show();
  })
) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`[herald] start-up failed: ${message}`);
      dialog.showErrorBox('Herald could not start', errorMessage(err));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const settings = createElectronSettingsRepo({ cwd: dataDir });
  // Secret-file problems join the settings warnings, which the core shows in the UI.
  const secrets = createSafeStorageSecrets({ cwd: dataDir, warnings: settings.warnings });
  const autostart = createAutostart();
  const core = await createHeraldCore({
    dataDir,
    settings,
    secrets,
    brokerPort: brokerPortOverride(),
    autostart,
    nativeNotifications: { supported: () => Notification.isSupported() },
    version: app.getVersion(),
    // Notifications and the tray speak the desktop's language until the UI says which one it shows.
    systemLanguages: app.getPreferredSystemLanguages(),
    policyFile: policyFileLocation(),
    // Built beside this bundle (electron.vite.config.ts); packaged outside app.asar (electron-builder.yml).
    writerWorker: pathToFileURL(unpackedPath(join(import.meta.dirname, 'inbox-writer.js'))),
    brokerWorker: pathToFileURL(unpackedPath(join(import.meta.dirname, 'broker-worker.js'))),
  });

  const quit = manageQuit(async () => {
    // The icon goes first so the app looks gone at once; the core then closes sources, broker and database.
    tray?.destroy();
    paletteShortcut?.dispose();
    notifications?.dispose();
    await core.stop();
  });
  serveRenderer(join(import.meta.dirname, '../renderer'));
  const isTrusted = (url: string) => isAppUrl(url, devServerUrl);

  windows = createWindowManager({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    devServerUrl,
    isQuitting: quit.isQuitting,
    startHidden: process.argv.includes('--hidden'),
  });
  const shownWindows = windows;
  const showWindow = () => void shownWindows.show();

  connectIpc({ core, getWindow: shownWindows.get, isTrustedSender: isTrusted });
  tray = createTray({ core, showWindow, getWindow: shownWindows.get, quit: () => app.quit(), autostart });
  notifications = showNotifications({
    core,
    showWindow,
    icon: nativeImage.createFromBuffer(renderTrayIcon(0, { size: 64 })),
  });
  paletteShortcut = registerPaletteShortcut({ showWindow: () => shownWindows.show() });
  reconnectOnWake(core);
  openLink = handleDeepLinks({ core, showWindow: () => shownWindows.show() });
  // Windows and Linux: a first start by a herald:// link has it in its own command line.
  const link = deepLinkIn(process.argv);
  if (link) openLink(link);
  // macOS: clicking the Dock icon with no visible window brings the inbox back.
  app.on('activate', showWindow);
}

/** HERALD_BROKER_PORT=off|<port> overrides the saved broker port for this run (tests, a second profile). */
function brokerPortOverride(): HeraldCoreOptions['brokerPort'] {
  const raw = process.env.HERALD_BROKER_PORT;
  if (!raw) return undefined;
  if (raw === 'off') return 'off';
  const port = Number(raw);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}
