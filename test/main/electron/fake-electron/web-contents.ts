// Fake `webContents`: records what main sends to the page and lets tests simulate navigation and window.open.
import { EventEmitter } from 'node:events';
import { FakeEvent } from './event.ts';
import { FakeSession } from './session.ts';

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;
  /** True while the page loads; finishLoad() ends it with did-finish-load, as Electron does. */
  loading = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isLoading(): boolean {
    return this.loading;
  }
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load');
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
