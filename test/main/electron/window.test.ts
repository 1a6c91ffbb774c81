import { beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { createWindowManager } = await import('../../../src/main/electron/window.ts');

const PRELOAD = '/app/out/preload/index.cjs';

function setup(options: { devServerUrl?: string; startHidden?: boolean } = {}) {
  let quitting = false;
  const manager = createWindowManager({ preloadPath: PRELOAD, isQuitting: () => quitting, ...options });
  const window = fake.BrowserWindow.instances.at(-1)!;
  return { manager, window, quit: () => (quitting = true) };
}

beforeEach(() => {
  fake.resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('main window', () => {
  test('has hardened webPreferences', () => {
    const { window } = setup();
    expect(window.options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  test('loads the app origin, or the dev server in development', () => {
    expect(setup().window.loadedUrls).toEqual(['app://herald/index.html']);
    expect(setup({ devServerUrl: 'http://localhost:5173' }).window.loadedUrls).toEqual(['http://localhost:5173']);
  });

  test('shows when ready unless started hidden', () => {
    const { window } = setup();
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);

    const hidden = setup({ startHidden: true }).window;
    hidden.emit('ready-to-show');
    expect(hidden.isVisible()).toBe(false);
  });

  test('closing hides to the tray; after Quit it really closes', () => {
    const { window, quit } = setup();
    window.show();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    quit();
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });

  test('show() brings the window back, and recreates it if it was destroyed', () => {
    const { manager, window } = setup({ startHidden: true });
    expect(manager.show()).toBe(window);
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
    window.destroy();
    expect(manager.get()).toBeNull();
    const again = manager.show();
    expect(again).not.toBe(window);
    expect(fake.BrowserWindow.instances).toHaveLength(2);
    expect(manager.get()).toBe(again);
  });
});

describe('navigation, new windows and permissions', () => {
  test('will-navigate to another origin is prevented; web links go to the browser instead', () => {
    const { window } = setup();
    expect(window.webContents.navigate('https://evil.example/phish')).toBe(false);
    expect(fake.shell.opened).toEqual(['https://evil.example/phish']);
    expect(window.webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(window.webContents.navigate('app://herald.evil/index.html')).toBe(false);
    expect(fake.shell.opened).toEqual(['https://evil.example/phish']);
  });

  test('navigation inside the app origin is allowed', () => {
    const { window } = setup();
    expect(window.webContents.navigate('app://herald/index.html#/settings')).toBe(true);
  });

  test('the dev server is trusted only in development, and only its exact origin', () => {
    const dev = setup({ devServerUrl: 'http://localhost:5173' }).window;
    expect(dev.webContents.navigate('http://localhost:5173/index.html')).toBe(true);
    expect(dev.webContents.navigate('http://localhost:5174/')).toBe(false);
    expect(dev.webContents.navigate('http://localhost:5173@evil.example/')).toBe(false);
    expect(setup().window.webContents.navigate('http://localhost:5173/')).toBe(false);
  });

  test('window.open is always denied; http(s) targets open in the browser, others nowhere', () => {
    const { window } = setup();
    expect(window.webContents.openWindow('https://example.com/docs')).toBe('deny');
    expect(window.webContents.openWindow('javascript:alert(1)')).toBe('deny');
    expect(window.webContents.openWindow('app://herald/index.html')).toBe('deny');
    expect(fake.shell.opened).toEqual(['https://example.com/docs']);
  });

  test('every permission request and check is denied', async () => {
    const { window } = setup();
    const session = window.webContents.session;
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(await session.requestPermission(permission)).toBe(false);
    }
    expect(session.permissionCheckHandler?.({}, 'notifications', 'app://herald', {})).toBe(false);
  });

  test('webviews cannot be attached', () => {
    const { window } = setup();
    const event = new fake.FakeEvent();
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
