// Fake `BrowserWindow`: visibility, preventable close and overlay icons; every instance is kept for assertions.
import { EventEmitter } from 'node:events';
import { FakeEvent } from './event.ts';
import type { FakeNativeImage } from './native-image.ts';
import { FakeWebContents } from './web-contents.ts';

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  readonly overlayIcons: { image: FakeNativeImage | null; description: string }[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;

  constructor(options: Record<string, unknown> = {}) {
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
