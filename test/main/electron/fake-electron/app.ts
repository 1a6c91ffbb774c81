// Fake `app`: paths, badge counts, the single-instance lock and quit/exit, recorded for assertions.
import { EventEmitter } from 'node:events';
import { FakeEvent } from './event.ts';

class FakeApp extends EventEmitter {
  paths = new Map<string, string>([['userData', '/tmp/herald-fake-userdata']]);
  badgeCounts: number[] = [];
  singleInstanceLock = true;
  quitCalls = 0;
  exitCodes: number[] = [];
  appUserModelId: string | undefined;
  /** Schemes registered with setAsDefaultProtocolClient. */
  protocolClients: string[] = [];
  /** Login items as setLoginItemSettings left them, keyed by their arguments (Windows matches on both). */
  loginItems = new Map<string, boolean>();
  /** What the desktop says its users read, most preferred first (app.getPreferredSystemLanguages). */
  preferredLanguages = ['en-US'];

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
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredLanguages];
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
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }): void {
    this.loginItems.set((settings.args ?? []).join(' '), Boolean(settings.openAtLogin));
  }
  getLoginItemSettings(options: { args?: string[] } = {}): { openAtLogin: boolean } {
    return { openAtLogin: this.loginItems.get((options.args ?? []).join(' ')) ?? false };
  }
  setAsDefaultProtocolClient(scheme: string): boolean {
    this.protocolClients.push(scheme);
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

export const app = new FakeApp();

export function resetApp(): void {
  app.removeAllListeners();
  app.paths = new Map([['userData', '/tmp/herald-fake-userdata']]);
  app.badgeCounts = [];
  app.singleInstanceLock = true;
  app.quitCalls = 0;
  app.exitCodes = [];
  app.appUserModelId = undefined;
  app.loginItems = new Map();
  app.protocolClients = [];
}
