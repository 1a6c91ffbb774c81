// Fake `Tray`: remembers every image and title, the current tooltip and context menu; every instance is kept.
import { EventEmitter } from 'node:events';
import type { Menu } from './menu.ts';
import type { FakeNativeImage } from './native-image.ts';

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
  /** Text beside the icon (macOS only); every value set is kept. */
  readonly titles: string[] = [];
  setTitle(title: string): void {
    this.titles.push(title);
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
