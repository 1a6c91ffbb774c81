// The tray: the app's home when the window is hidden. The icon carries the unread count (drawn by
// renderTrayIcon), the tooltip says how each source is doing, and the menu has the four things a user does here.
import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { errorMessage } from '../../shared/error-message.ts';
import { dispatch } from '../../shared/contract.ts';
import type { AppState } from '../../shared/model.ts';
import { badgeText, renderTrayIcon, type TrayIconState } from '../core/badge/tray-icon.ts';
import { renderTrayTemplate } from '../core/badge/tray-template.ts';
import type { AutostartPort, HeraldCore } from '../core/core-api.ts';
import { openExternalSafely } from './external-links.ts';
import { trackFavourites } from './tray-favourites.ts';
import { mainText, stateText, type MainText } from '../core/i18n/main-texts.ts';

export interface TrayOptions {
  core: Pick<HeraldCore, 'handlers' | 'on' | 'getState'>;
  showWindow(): void;
  getWindow(): BrowserWindow | null;
  quit(): void;
  platform?: NodeJS.Platform;
  /** Adds "Start at login" where the host can start Herald at login. */
  autostart?: AutostartPort;
}

export interface TrayController {
  readonly tray: Tray;
  destroy(): void;
}

/** What the tray shows; everything else in AppState is irrelevant here. */
export type TrayStatus = Pick<AppState, 'unread' | 'paused' | 'sources' | 'broker' | 'locale' | 'update'>;

/** Windows cuts tray tooltips at 127 characters; keep the cut ours so it ends with an ellipsis. */
const WINDOWS_TOOLTIP_LIMIT = 127;

export function createTray(options: TrayOptions): TrayController {
  const platform = options.platform ?? process.platform;
  let status: TrayStatus = options.core.getState();
  let shownIconKey = '';
  let shownTooltip = '';
  let shownMenuKey = '';
  let shownBadge: number | null = null;
  let shownTitle = '';

  const tray = new Tray(iconImage(status, platform));
  shownIconKey = iconKey(status, platform);

  const run = (channel: 'inbox.markAllRead' | 'notifications.setPaused', payload: unknown) =>
    dispatch(options.core.handlers, channel, payload).then((reply) => {
      if (!reply.ok) console.warn(`[herald] tray: ${reply.error.message}`);
      return reply;
    });

  const buildMenu = (text: MainText) =>
    Menu.buildFromTemplate([
      ...updateItems(text),
      { label: text('tray.open'), click: () => options.showWindow() },
      { label: text('tray.markAllRead'), enabled: status.unread > 0, click: () => void run('inbox.markAllRead', {}) },
      {
        label: text('tray.pause'),
        type: 'checkbox',
        checked: status.paused,
        // Electron flips `checked` before calling click, so the item already holds the wanted state.
        click: (item) => {
          void run('notifications.setPaused', { paused: item.checked }).then((reply) => {
            if (reply.ok) return update({ ...status, paused: (reply.value as { paused: boolean }).paused });
            // Refused: rebuild the menu so the checkbox Electron already flipped shows the real state again.
            shownMenuKey = '';
            update(status);
          });
        },
      },
      ...favourites.items(),
      ...autostartItems(text),
      { type: 'separator' },
      { label: text('tray.quit'), click: () => options.quit() },
    ]);

  /** A newer Herald: its release page in the browser (http(s) only), else the window, whose Settings say more. */
  const updateItems = (text: MainText): MenuItemConstructorOptions[] => {
    const update = status.update;
    if (!update) return [];
    return [
      {
        label: text('tray.update', { version: update.version }),
        click: () => {
          if (!update.releaseUrl || !openExternalSafely(update.releaseUrl)) options.showWindow();
        },
      },
      { type: 'separator' },
    ];
  };

  const autostartItems = (text: MainText): MenuItemConstructorOptions[] => {
    const state = options.autostart?.get();
    if (!options.autostart || !state?.supported) return [];
    const port = options.autostart;
    return [
      {
        label: text('tray.startAtLogin'),
        type: 'checkbox',
        checked: state.enabled,
        click: (item) => {
          try {
            port.set(item.checked);
          } catch (err) {
            console.warn(`[herald] tray: start at login: ${errorMessage(err)}`);
          }
          // Rebuilt from what the OS now says, so a refused change shows the real state again.
          shownMenuKey = '';
          update(status);
        },
      },
    ];
  };

  const update = (next: TrayStatus) => {
    status = next;
    if (tray.isDestroyed()) return;
    const key = iconKey(status, platform);
    if (key !== shownIconKey) {
      tray.setImage(iconImage(status, platform));
      shownIconKey = key;
    }
    // macOS: the count is text beside the template bell (setTitle exists only there).
    const title = platform === 'darwin' ? badgeText(status.unread) : '';
    if (title !== shownTitle) {
      tray.setTitle(title);
      shownTitle = title;
    }
    const text = mainText(status.locale ?? 'en');
    const tooltip = describeTooltip(status, platform, text);
    if (tooltip !== shownTooltip) {
      tray.setToolTip(tooltip);
      shownTooltip = tooltip;
    }
    // The menu shows the pause state, whether anything is unread, the favourites and a newer Herald; rebuild it
    // (setContextMenu again, which Linux needs to notice changes) only when one of those changed.
    const menuKey = `${status.locale}|${status.paused}|${status.unread > 0}|${options.autostart?.get().enabled}|${favourites.key()}|${status.update?.version}`;
    if (menuKey !== shownMenuKey) {
      tray.setContextMenu(buildMenu(text));
      shownMenuKey = menuKey;
    }
    if (status.unread !== shownBadge) {
      showBadgeCount(status.unread, platform, options.getWindow(), text);
      shownBadge = status.unread;
    }
  };

  // Pinned favourites join the menu once fetched, and it is rebuilt when they or their state change.
  const favourites = trackFavourites({ core: options.core, onChange: () => update(status) });

  // Activation (a click on most platforms; may never fire on Linux, hence the menu item) opens the inbox.
  tray.on('click', () => options.showWindow());
  update(status);

  const unsubscribes = [
    options.core.on('app.state', update),
    options.core.on('inbox.changed', ({ unread }) => update({ ...status, unread })),
  ];

  return {
    tray,
    destroy() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      favourites.destroy();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

/** The worst state among enabled sources and the embedded broker, for the icon tint. */
export function overallState(status: TrayStatus): TrayIconState {
  const states = status.sources.filter((source) => source.enabled).map((source) => source.status.state);
  const { broker } = status;
  if (states.includes('error') || (broker.enabled && !broker.running)) return 'error';
  // A broker that runs but says something (e.g. it moved to another port) is worth a look, not an alarm.
  if (states.some((state) => state === 'connecting' || state === 'reconnecting')) return 'warning';
  if (broker.enabled && broker.error) return 'warning';
  // A bridge that cannot reach its upstream broker: local delivery works, forwarding does not.
  if (broker.bridge?.state === 'offline') return 'warning';
  return 'ok';
}

/** "Herald — 3 unread" then one line per source: "Local broker: connected", with the error for failures. */
export function describeTooltip(
  status: TrayStatus,
  platform: NodeJS.Platform = process.platform,
  text: MainText = mainText('en'),
): string {
  const head = text('tray.unread', { count: status.unread }) + (status.paused ? text('tray.paused') : '');
  const lines = [head];
  if (status.broker.enabled && status.broker.error) lines.push(text('tray.broker', { error: status.broker.error }));
  const bridge = status.broker.bridge;
  if (bridge?.state === 'offline') lines.push(text('tray.bridge', { url: bridge.url, error: bridge.error ?? '' }));
  for (const source of status.sources) {
    const { state, error } = source.status;
    lines.push(`${source.name}: ${stateText(text, state)}${state === 'error' && error ? ` — ${error}` : ''}`);
  }
  const tooltip = lines.join('\n');
  if (platform === 'win32' && tooltip.length > WINDOWS_TOOLTIP_LIMIT)
    return `${tooltip.slice(0, WINDOWS_TOOLTIP_LIMIT - 1)}…`;
  return tooltip;
}

function iconKey(status: TrayStatus, platform: NodeJS.Platform): string {
  // The menu-bar template shows only the bell, plain or paused; the count is the title beside it.
  if (platform === 'darwin') return `${status.paused}`;
  // renderTrayIcon draws at most "99+", so 100 and 150 are the same picture and need no redraw.
  return `${Math.min(status.unread, 100)}|${status.paused}|${overallState(status)}`;
}

function iconImage(status: TrayStatus, platform: NodeJS.Platform) {
  if (platform === 'darwin') {
    // A template image (black and alpha, as assets/trayTemplate@2x.png): macOS draws it in the menu bar's own
    // colour, light, dark or highlighted, as menu-bar icons are expected to look.
    const template = renderTrayTemplate({ size: 32, paused: status.paused });
    const image = nativeImage.createFromBuffer(template, { scaleFactor: 2 });
    image.setTemplateImage(true);
    return image;
  }
  const png = renderTrayIcon(status.unread, { size: 32, paused: status.paused, state: overallState(status) });
  // macOS and Windows draw tray icons at 16 logical px: a 32 px image at scale 2 stays sharp on HiDPI.
  return nativeImage.createFromBuffer(png, platform === 'linux' ? undefined : { scaleFactor: 2 });
}

/**
 * The dock / launcher / taskbar badge where the OS has one: app.setBadgeCount on macOS and on Linux docks that
 * implement the Unity LauncherEntry API; Windows has no app badge, only an overlay on the window's taskbar button.
 */
function showBadgeCount(unread: number, platform: NodeJS.Platform, window: BrowserWindow | null, text: MainText): void {
  if (platform === 'win32') {
    if (!window || window.isDestroyed()) return;
    const overlay = unread > 0 ? nativeImage.createFromBuffer(renderTrayIcon(unread, { size: 16 })) : null;
    window.setOverlayIcon(overlay, unread > 0 ? text('tray.overlay', { count: unread }) : '');
    return;
  }
  app.setBadgeCount(unread);
}
