// The quick palette from anywhere on the desktop: a global shortcut shows the window and asks the page to open
// its palette (the `ui.openPalette` event). Another application may already hold the shortcut; then Herald says
// so once and the palette stays reachable with Ctrl/Cmd+K in the window.
import { globalShortcut, type BrowserWindow } from 'electron';
import { EVENT_CHANNEL } from '../../shared/ipc-channels.ts';

export const PALETTE_SHORTCUT = 'CommandOrControl+Shift+H';

export interface PaletteShortcutOptions {
  /** Shows (creating if needed) the main window and returns it. */
  showWindow(): BrowserWindow;
  accelerator?: string;
}

/** Registers the shortcut; returns whether it was registered and how to release it. */
export function registerPaletteShortcut(options: PaletteShortcutOptions): { registered: boolean; dispose(): void } {
  const accelerator = options.accelerator ?? PALETTE_SHORTCUT;
  const registered = globalShortcut.register(accelerator, () => {
    const window = options.showWindow();
    const contents = window.webContents;
    const open = () => {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, 'ui.openPalette', {});
    };
    // A window just created is still loading its page, which listens only once it has run.
    if (contents.isLoading()) contents.once('did-finish-load', open);
    else open();
  });
  if (!registered) console.warn(`[herald] the shortcut ${accelerator} is taken by another application`);
  return {
    registered,
    dispose: () => {
      if (registered) globalShortcut.unregister(accelerator);
    },
  };
}
