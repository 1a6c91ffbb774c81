// herald:// links, e.g. from a chat or a wiki page: herald://message/42 shows Herald on message 42,
// herald://open (or herald://) just shows it. They arrive as `open-url` on macOS and, on Windows and Linux, in
// the command line of a second start that the single-instance lock hands to the running one (or of the first
// start). Nothing else is accepted: a link can show Herald, never act in it.
import { app, type BrowserWindow } from 'electron';
import type { HeraldCore } from '../core/core-api.ts';

export const HERALD_SCHEME = 'herald';

export interface DeepLink {
  messageId?: number;
}

/** The link's target, or null for anything that is not a herald:// link Herald understands. */
export function parseDeepLink(url: string): DeepLink | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${HERALD_SCHEME}:`) return null;
  const parts = `${parsed.hostname}/${parsed.pathname}`.split('/').filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'open')) return {};
  if (parts.length === 2 && parts[0] === 'message' && /^[1-9]\d{0,14}$/.test(parts[1]!)) {
    return { messageId: Number(parts[1]) };
  }
  return null;
}

/** The herald:// argument of a command line, if any. */
export function deepLinkIn(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.startsWith(`${HERALD_SCHEME}:`));
}

export interface DeepLinkOptions {
  core: Pick<HeraldCore, 'openMessage'>;
  /** Shows (creating if needed) the main window and returns it. */
  showWindow(): BrowserWindow;
}

/** Registers Herald for herald:// and returns what opens a link (for the command lines the entry sees). */
export function handleDeepLinks(options: DeepLinkOptions): (url: string) => void {
  const open = (url: string) => {
    const link = parseDeepLink(url);
    if (link === null) return;
    const window = options.showWindow();
    if (link.messageId === undefined) return;
    const id = link.messageId;
    // A window just created is still loading its page, which listens for the event only once it has run.
    if (window.webContents.isLoading()) window.webContents.once('did-finish-load', () => options.core.openMessage(id));
    else options.core.openMessage(id);
  };
  app.setAsDefaultProtocolClient(HERALD_SCHEME);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    open(url);
  });
  return open;
}
