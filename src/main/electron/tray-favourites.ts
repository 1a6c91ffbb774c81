// The tray menu's favourites: pinned toggles as checkbox items showing their state, pinned press controls and
// saved buttons as plain items. A click goes through the same commands the window uses (devices.command,
// publish.buttons.press); the list is fetched again when the pins change or a pinned entity's device changes.
import type { MenuItemConstructorOptions } from 'electron';
import { dispatch, type CommandName } from '../../shared/contract.ts';
import type { Favourite } from '../../shared/commands/favourites.ts';
import type { HeraldCore } from '../core/core-api.ts';

export interface TrayFavouritesOptions {
  core: Pick<HeraldCore, 'handlers' | 'on'>;
  /** The favourites (or their state) changed: the menu should be built again. */
  onChange(): void;
}

export interface TrayFavourites {
  /** Menu items for the favourites shown in the tray (none when nothing is pinned). */
  items(): MenuItemConstructorOptions[];
  /** Changes whenever items() would build something different. */
  key(): string;
  destroy(): void;
}

/** Controls a tray click can drive; numbers, selects and covers need the window. */
const TRAY_CONTROLS = new Set<Favourite['control']>(['toggle', 'press', 'button']);

export function trackFavourites(options: TrayFavouritesOptions): TrayFavourites {
  let favourites: Favourite[] = [];
  /** Every pinned entity, shown or not: one not announced yet may come back as a toggle. */
  let pinnedEntities = new Set<string>();
  let shownKey = '';
  /** Bumped to force a rebuild when the menu shows a state that is not the real one. */
  let generation = 0;
  let destroyed = false;
  // Each fetch gets a number; an older reply arriving after a newer one is dropped.
  let fetches = 0;

  const run = async (channel: CommandName, payload: unknown): Promise<boolean> => {
    const reply = await dispatch(options.core.handlers, channel, payload);
    if (!reply.ok) console.warn(`[herald] tray: ${reply.error.message}`);
    return reply.ok;
  };

  const refresh = async () => {
    const fetch = ++fetches;
    const reply = await dispatch(options.core.handlers, 'favourites.list', {});
    if (destroyed || fetch !== fetches) return;
    if (!reply.ok) {
      console.warn(`[herald] tray: favourites: ${reply.error.message}`);
      return;
    }
    const all = (reply.value as { favourites: Favourite[] }).favourites;
    pinnedEntities = new Set(all.filter((f) => f.kind === 'entity').map((f) => f.id));
    favourites = all.filter((f) => TRAY_CONTROLS.has(f.control));
    const next = `${generation}|${listKey()}`;
    if (next !== shownKey) {
      shownKey = next;
      options.onChange();
    }
  };

  // A click that was refused leaves a checkbox Electron already flipped: rebuild to show the real state again.
  const settle = (ok: boolean) => {
    if (!ok) generation++;
    void refresh();
  };

  const item = (favourite: Favourite): MenuItemConstructorOptions => {
    const label =
      favourite.deviceName && !favourite.name.includes(favourite.deviceName)
        ? `${favourite.deviceName}: ${favourite.name}`
        : favourite.name;
    if (favourite.control === 'toggle') {
      return {
        label,
        type: 'checkbox',
        checked: favourite.on === true,
        enabled: favourite.available,
        // Electron flips `checked` before calling click, so the item already holds the wanted state.
        click: (menuItem) =>
          void run('devices.command', {
            entityId: favourite.id,
            action: menuItem.checked ? 'turn_on' : 'turn_off',
          }).then(settle),
      };
    }
    const press =
      favourite.kind === 'button'
        ? () => run('publish.buttons.press', { id: favourite.id })
        : () => run('devices.command', { entityId: favourite.id, action: 'press' });
    return { label, enabled: favourite.available, click: () => void press().then(settle) };
  };

  const listKey = () => favourites.map((f) => `${f.kind}:${f.id}:${f.name}:${f.on}:${f.available}`).join('|');

  const unsubscribes = [
    options.core.on('favourites.changed', () => void refresh()),
    options.core.on('devices.changed', ({ devices, removed }) => {
      // Only a change to a device holding a pinned entity can change the menu.
      if (pinnedEntities.size === 0) return;
      if (removed.length > 0) return void refresh();
      if (devices.some((device) => device.entities.some((entity) => pinnedEntities.has(entity.id)))) void refresh();
    }),
  ];
  void refresh();

  return {
    items: () => (favourites.length === 0 ? [] : [{ type: 'separator' }, ...favourites.map(item)]),
    key: () => shownKey,
    destroy() {
      destroyed = true;
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}
