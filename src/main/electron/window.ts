// The inbox window: hardened, served from app://herald/ (or the dev server), hidden rather than closed so the
// app lives on in the tray. One window at most; `show()` recreates it if it was ever destroyed.
import { BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './app-protocol.ts';
import { openExternalSafely } from './external-links.ts';
import { errorMessage } from '../../shared/error-message.ts';

export interface MainWindowOptions {
  preloadPath: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); absent in production. */
  devServerUrl?: string;
  /** True once the user chose Quit: then close really closes. */
  isQuitting(): boolean;
  /** Start hidden (autostart): the window appears only when the user opens it from the tray. */
  startHidden?: boolean;
}

export interface WindowManager {
  /** The window if it exists and is alive. */
  get(): BrowserWindow | null;
  /** Shows and focuses the window, creating it first if needed. */
  show(): BrowserWindow;
}

export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function createWindowManager(options: MainWindowOptions): WindowManager {
  let window: BrowserWindow | null = null;
  const alive = () => (window && !window.isDestroyed() ? window : null);

  const create = (showWhenReady: boolean) => {
    const created = createMainWindow(options, showWhenReady);
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
    return created;
  };

  create(!options.startHidden);
  return {
    get: alive,
    show() {
      const existing = alive();
      if (!existing) return create(true);
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    },
  };
}

function createMainWindow(options: MainWindowOptions, showWhenReady: boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1000,
    height: 720,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Herald',
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(options.preloadPath),
  });

  if (showWhenReady) window.once('ready-to-show', () => window.show());

  // Close-to-tray: the close button hides; only Quit (which sets isQuitting) really closes.
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });

  const isTrusted = (url: string) => isAppUrl(url, options.devServerUrl);
  guardNavigation(window.webContents, isTrusted);
  denyAllPermissions(window.webContents.session);

  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL).catch((err: unknown) => {
    console.error(`[herald] could not load the inbox page: ${errorMessage(err)}`);
  });
  return window;
}

/** The page may never leave the app's origin, open windows or embed webviews; web links go to the browser. */
export function guardNavigation(contents: WebContents, isTrusted: (url: string) => boolean): void {
  contents.on('will-navigate', (event) => {
    if (isTrusted(event.url)) return;
    event.preventDefault();
    openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isTrusted(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** Notifications are shown by main, so the page needs no permission at all: camera, geolocation, etc. all denied. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
