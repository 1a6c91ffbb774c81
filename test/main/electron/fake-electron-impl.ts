// The implementation behind fake-electron.ts (import that one: it keeps a single instance per test file).
// A small but faithful fake of the Electron APIs the shell uses, for plain-Node tests.
// It mirrors Electron's observable behaviour where the shell depends on it (checkbox items flip `checked`
// before `click`, `close` can be prevented, ipcMain.handle refuses a second handler, contextBridge refuses to
// overwrite a key, safeStorage throws when encryption is unavailable) and records calls so tests can assert.
// The real `electron` package must never be imported in tests: in plain Node it tries to download a binary.
import { EventEmitter } from 'node:events';

/** Electron's preventable event object. */
export class FakeEvent {
  defaultPrevented = false;
  [key: string]: unknown;
  constructor(props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

// --- nativeImage ------------------------------------------------------------------------------------------

export class FakeNativeImage {
  readonly buffer: Buffer;
  readonly options: Record<string, unknown> | undefined;
  constructor(buffer: Buffer, options?: Record<string, unknown>) {
    this.buffer = buffer;
    this.options = options;
  }
  toPNG(): Buffer {
    return this.buffer;
  }
  isEmpty(): boolean {
    return this.buffer.length === 0;
  }
}

export const nativeImage = {
  createFromBuffer: (buffer: Buffer, options?: Record<string, unknown>) => new FakeNativeImage(buffer, options),
  createEmpty: () => new FakeNativeImage(Buffer.alloc(0)),
};

// --- app --------------------------------------------------------------------------------------------------

class FakeApp extends EventEmitter {
  paths = new Map<string, string>([['userData', '/tmp/herald-fake-userdata']]);
  badgeCounts: number[] = [];
  singleInstanceLock = true;
  quitCalls = 0;
  exitCodes: number[] = [];
  appUserModelId: string | undefined;

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'Herald';
  }
  isReady(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  setBadgeCount(count?: number): boolean {
    this.badgeCounts.push(count ?? 0);
    return true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  /** Like Electron: emits before-quit (preventable); if not prevented, the app would go on to quit. */
  quit(): void {
    this.quitCalls++;
    const event = new FakeEvent();
    this.emit('before-quit', event);
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}

// --- windows ----------------------------------------------------------------------------------------------

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }
  /** What the page would get for a permission request; Electron grants everything when no handler is set. */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler({}, permission, resolve, {}));
  }
}

export const session = { defaultSession: new FakeSession() };

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Simulates the page navigating; returns true when the shell allowed it. */
  navigate(url: string): boolean {
    const event = new FakeEvent({ url, isMainFrame: true });
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
  /** Simulates window.open / target=_blank; Electron allows it when no handler is set. */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow';
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly options: Record<string, any>;
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  readonly overlayIcons: { image: FakeNativeImage | null; description: string }[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;

  constructor(options: Record<string, any> = {}) {
    super();
    this.options = options;
    this.visible = options.show !== false;
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: `close` is preventable; if nobody prevents it the window is destroyed and `closed` fires. */
  close(): void {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  setOverlayIcon(image: FakeNativeImage | null, description: string): void {
    this.overlayIcons.push({ image, description });
  }
}

// --- tray and menus ---------------------------------------------------------------------------------------

export class FakeMenuItem {
  label: string;
  type: string;
  checked: boolean;
  enabled: boolean;
  private readonly onClick: ((item: FakeMenuItem, window: undefined, event: object) => void) | undefined;

  constructor(template: Record<string, any>) {
    this.label = template.label ?? '';
    this.type = template.type ?? 'normal';
    this.checked = Boolean(template.checked);
    this.enabled = template.enabled ?? true;
    this.onClick = template.click;
  }
  /** Like a user click: disabled items do nothing; checkboxes flip before the click handler runs. */
  click(): void {
    if (!this.enabled) return;
    if (this.type === 'checkbox') this.checked = !this.checked;
    this.onClick?.(this, undefined, {});
  }
}

export class Menu {
  readonly items: FakeMenuItem[];
  constructor(items: FakeMenuItem[] = []) {
    this.items = items;
  }
  static buildFromTemplate(template: Record<string, any>[]): Menu {
    return new Menu(template.map((entry) => new FakeMenuItem(entry)));
  }
  /** Test helper: the item with this label (throws when absent, so a renamed item fails loudly). */
  item(label: string): FakeMenuItem {
    const found = this.items.find((item) => item.label === label);
    if (!found) throw new Error(`no menu item "${label}" in [${this.items.map((i) => i.label).join(', ')}]`);
    return found;
  }
}

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: FakeNativeImage;
  readonly images: FakeNativeImage[] = [];
  tooltip = '';
  contextMenu: Menu | null = null;
  contextMenuSets = 0;
  destroyed = false;

  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    this.images.push(image);
    Tray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: Menu | null): void {
    this.contextMenu = menu;
    this.contextMenuSets++;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

// --- notifications ----------------------------------------------------------------------------------------

export class Notification extends EventEmitter {
  static supported = true;
  static instances: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly options: Record<string, any>;
  shown = false;

  constructor(options: Record<string, any> = {}) {
    super();
    this.options = options;
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
    this.emit('show', new FakeEvent());
  }
  close(): void {
    this.emit('close', new FakeEvent());
  }
  /** Test helper: the user clicked it. */
  click(): void {
    this.emit('click', new FakeEvent());
  }
  fail(error: string): void {
    this.emit('failed', new FakeEvent(), error);
  }
}

// --- IPC --------------------------------------------------------------------------------------------------

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test helper: an invoke from a frame at `senderUrl` (null: the frame is gone). */
  async invokeFrom(senderUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: senderUrl === null ? null : { url: senderUrl }, sender: {}, processId: 1, frameId: 1 };
    return handler(event, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  /** The URL of the page this fake renderer runs in; ipcMain sees it as senderFrame.url. */
  pageUrl = 'app://herald/index.html';
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return ipcMain.invokeFrom(this.pageUrl, channel, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(key, api);
  }
}
export const contextBridge = new FakeContextBridge();

// --- shell, protocol, power, safeStorage, net, dialog -------------------------------------------------------

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
  openPath: (_path: string) => Promise.resolve(''),
};

type ProtocolHandler = (request: { url: string; method: string }) => Response | Promise<Response>;
export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`Protocol ${scheme} has already been handled`);
    this.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
  /** Test helper: what the page gets for this URL. */
  async request(url: string): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`no handler for ${url}`);
    return handler({ url, method: 'GET' });
  },
};

export const powerMonitor = new EventEmitter();

/** A reversible stand-in for OS encryption whose output never contains the plaintext. */
const FAKE_CIPHER_PREFIX = Buffer.from('v10');
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const bytes = Buffer.from(plainText, 'utf8').map((byte, i) => byte ^ (0x5a + i) % 256);
    return Buffer.concat([FAKE_CIPHER_PREFIX, bytes]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    if (!encrypted.subarray(0, 3).equals(FAKE_CIPHER_PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((byte, i) => byte ^ (0x5a + i) % 256)).toString('utf8');
  },
};

export const net = {
  online: true,
  isOnline(): boolean {
    return this.online;
  },
  fetch: (input: string, init?: RequestInit) => fetch(input, init),
};

export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  },
};

export const app = new FakeApp();

/** Forget everything recorded; call in beforeEach. Listeners added by the code under test are removed too. */
export function resetFake(): void {
  app.removeAllListeners();
  app.paths = new Map([['userData', '/tmp/herald-fake-userdata']]);
  app.badgeCounts = [];
  app.singleInstanceLock = true;
  app.quitCalls = 0;
  app.exitCodes = [];
  app.appUserModelId = undefined;
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.pageUrl = 'app://herald/index.html';
  ipcRenderer.invoked.length = 0;
  contextBridge.exposed.clear();
  shell.opened = [];
  protocol.privileged = [];
  protocol.handlers.clear();
  powerMonitor.removeAllListeners();
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  net.online = true;
  dialog.errors = [];
}

const electron = {
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
};
export default electron;
