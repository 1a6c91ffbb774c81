// What the quick palette searches: device entities, saved buttons and the app's pages, pinned favourites first,
// and what choosing one does. Pure, so the order and the actions are tested without a page.
import type { DeviceView, EntityControl } from '../../shared/commands/devices.ts';
import type { Favourite } from '../../shared/commands/favourites.ts';
import { templateNeedsInput, type SavedButton } from '../../shared/publish.ts';

export type PaletteItem =
  | {
      kind: 'entity';
      id: string;
      name: string;
      detail: string;
      control: EntityControl;
      /** A toggle's last reported state (null: not known). */
      on: boolean | null;
      pinned: boolean;
    }
  | { kind: 'button'; id: string; name: string; detail: string; needsInput: boolean; pinned: boolean }
  | { kind: 'page'; id: string; name: string; detail: string; pinned: false };

/** What Enter on an item does: a command to send, or a page to show (where the item needs more than a click). */
export type PaletteAction =
  | { type: 'device'; entityId: string; action: 'turn_on' | 'turn_off' | 'press' }
  | { type: 'button'; id: string }
  | { type: 'page'; page: string };

export function paletteItems(
  devices: readonly DeviceView[],
  buttons: readonly SavedButton[],
  pages: readonly { id: string; label: string }[],
  favourites: readonly Favourite[],
): PaletteItem[] {
  const pinned = new Set(favourites.map((f) => `${f.kind}:${f.id}`));
  const items: PaletteItem[] = [];
  for (const device of devices) {
    for (const entity of device.entities) {
      items.push({
        kind: 'entity',
        id: entity.id,
        name: entity.name,
        detail: device.name,
        control: entity.control,
        on: typeof entity.value === 'boolean' ? entity.value : null,
        pinned: pinned.has(`entity:${entity.id}`),
      });
    }
  }
  for (const button of buttons) {
    items.push({
      kind: 'button',
      id: button.id,
      name: button.name,
      detail: button.topic,
      needsInput: templateNeedsInput(button.payload),
      pinned: pinned.has(`button:${button.id}`) || button.pinned,
    });
  }
  for (const page of pages) items.push({ kind: 'page', id: page.id, name: page.label, detail: '', pinned: false });
  // Stable: pinned ones first, each group in its own order (ties in the ranking keep this order).
  return [...items.filter((i) => i.pinned), ...items.filter((i) => !i.pinned)];
}

/** The text an item is found by: its name, and an entity's device name too ("Office desk lamp"). */
export function searchText(item: PaletteItem): string {
  if (item.kind === 'entity' && !item.name.toLowerCase().includes(item.detail.toLowerCase())) {
    return `${item.name} ${item.detail}`;
  }
  return item.name;
}

export function actionOf(item: PaletteItem): PaletteAction {
  switch (item.kind) {
    case 'entity':
      // Home Assistant toggles take on and off only: flip the last reported state (unknown counts as off).
      if (item.control === 'toggle') {
        return { type: 'device', entityId: item.id, action: item.on === true ? 'turn_off' : 'turn_on' };
      }
      if (item.control === 'press') return { type: 'device', entityId: item.id, action: 'press' };
      // Numbers, selects, covers and readouts need their control on the Devices page.
      return { type: 'page', page: 'devices' };
    case 'button':
      // A template with {{input}} asks for the value on the Publish page.
      return item.needsInput ? { type: 'page', page: 'publish' } : { type: 'button', id: item.id };
    case 'page':
      return { type: 'page', page: item.id };
  }
}
