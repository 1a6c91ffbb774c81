// Favourites: pinned device entities (kept in the settings by id) and pinned saved buttons (their `pinned`
// field), listed with their current state for the tray menu and the quick palette.
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import type { EntityView } from '../../../shared/commands/devices.ts';
import type { Favourite } from '../../../shared/commands/favourites.ts';
import type { DeviceRegistry } from '../devices/device-registry.ts';
import type { Settings } from '../settings/schema.ts';

export interface FavouritesHandlerDeps {
  devices: DeviceRegistry;
  settings: () => Settings;
  /** Also tells the UI and the tray that the pins changed (herald-core compares favouritePins). */
  saveSettings: (settings: Settings) => void;
}

/** What is pinned, as one string: settings saved with a different one emit favourites.changed. */
export function favouritePins(settings: Settings): string {
  const buttons = settings.publish.buttons.filter((b) => b.pinned).map((b) => b.id);
  return JSON.stringify([settings.favourites.entities, buttons]);
}

type FavouritesCommands = 'favourites.list' | 'favourites.set';

export function createFavouritesHandlers(deps: FavouritesHandlerDeps): Pick<Handlers, FavouritesCommands> {
  const list = (): { favourites: Favourite[] } => {
    const settings = deps.settings();
    const pinned = settings.favourites.entities;
    const found = new Map<string, Favourite>();
    if (pinned.length > 0) {
      const wanted = new Set(pinned);
      for (const device of deps.devices.list().devices) {
        for (const entity of device.entities) {
          if (!wanted.has(entity.id)) continue;
          found.set(entity.id, entityFavourite(entity, device.name, device.available !== false));
        }
      }
    }
    // A pinned entity no longer announced stays pinned (it may come back) and shows as unavailable.
    const entities = pinned.map(
      (id): Favourite =>
        found.get(id) ?? { kind: 'entity', id, name: id, control: 'readout', on: null, available: false },
    );
    const buttons = settings.publish.buttons
      .filter((button) => button.pinned)
      .map((button): Favourite => ({
        kind: 'button',
        id: button.id,
        name: button.name,
        control: 'button',
        on: null,
        available: true,
      }));
    return { favourites: [...entities, ...buttons] };
  };

  return {
    'favourites.list': () => list(),
    'favourites.set': ({ kind, id, pinned }) => {
      const settings = deps.settings();
      if (kind === 'button') {
        const buttons = settings.publish.buttons;
        if (!buttons.some((b) => b.id === id)) throw new HeraldError('not_found', `button ${id} not found`);
        const next = buttons.map((b) => (b.id === id ? { ...b, pinned } : b));
        deps.saveSettings({ ...settings, publish: { ...settings.publish, buttons: next } });
      } else {
        const entities = settings.favourites.entities.filter((e) => e !== id);
        if (pinned) {
          const known = deps.devices.list().devices.some((d) => d.entities.some((e) => e.id === id));
          if (!known) throw new HeraldError('not_found', `device entity ${id} not found`);
          entities.push(id);
        }
        deps.saveSettings({ ...settings, favourites: { ...settings.favourites, entities } });
      }
      return list();
    },
  };
}

function entityFavourite(entity: EntityView, deviceName: string, deviceAvailable: boolean): Favourite {
  return {
    kind: 'entity',
    id: entity.id,
    name: entity.name,
    deviceName,
    control: entity.control,
    on: entity.control === 'toggle' && typeof entity.value === 'boolean' ? entity.value : null,
    available: deviceAvailable && entity.settable,
  };
}
