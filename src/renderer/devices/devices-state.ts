// The Devices page's data without React: the device list as devices.changed keeps it, grouped by area, and the
// commands awaiting confirmation (shown at once, confirmed when the state topic reports the value, rolled back
// when it has not after CONFIRM_TIMEOUT_MS).
import type { DeviceView, DevicesChanged, EntityFeature, EntityView } from '../../shared/commands/devices.ts';

export const CONFIRM_TIMEOUT_MS = 5_000;

/** What an entity should show until its state topic says so. */
export interface Pending {
  entityId: string;
  field: 'value' | EntityFeature;
  expected: EntityView['value'];
  /** When it is given up (ms since epoch). */
  deadline: number;
}

/**
 * The list after the changes, in order (a later change of a device wins). Unchanged devices, and the unchanged
 * entities of a changed device, keep their objects, so rows memoised on them are not redrawn.
 */
export function applyChanges(devices: readonly DeviceView[], changes: readonly DevicesChanged[]): DeviceView[] {
  const latest = new Map<string, DeviceView | null>();
  for (const change of changes) {
    for (const id of change.removed) latest.set(id, null);
    for (const device of change.devices) latest.set(device.id, device);
  }
  const next: DeviceView[] = [];
  for (const device of devices) {
    const update = latest.get(device.id);
    if (update === undefined) next.push(device);
    else if (update !== null) next.push(keepUnchanged(device, update));
    latest.delete(device.id);
  }
  for (const device of latest.values()) if (device) next.push(device);
  return next;
}

export const applyChange = (devices: readonly DeviceView[], change: DevicesChanged) => applyChanges(devices, [change]);

function keepUnchanged(before: DeviceView, after: DeviceView): DeviceView {
  const old = new Map(before.entities.map((e) => [e.id, e]));
  const entities = after.entities.map((e) => {
    const previous = old.get(e.id);
    return previous && sameValue(previous, e) ? previous : e;
  });
  return { ...after, entities };
}

/** Structural equality of JSON values (what the bridge delivers). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The devices whose name or area contains `query` (any case) with all their entities, and those with entities
 * whose name contains it, with only those entities. An empty query keeps every device.
 */
export function filterDevices(devices: readonly DeviceView[], query: string): readonly DeviceView[] {
  const wanted = query.trim().toLocaleLowerCase();
  if (!wanted) return devices;
  const matches = (name: string) => name.toLocaleLowerCase().includes(wanted);
  const found: DeviceView[] = [];
  for (const device of devices) {
    if (matches(device.name) || (device.area !== undefined && matches(device.area))) found.push(device);
    else {
      const entities = device.entities.filter((e) => matches(e.name));
      if (entities.length) found.push({ ...device, entities });
    }
  }
  return found;
}

export interface AreaGroup {
  /** null: devices without an area. */
  area: string | null;
  devices: DeviceView[];
}

const collator = new Intl.Collator();

/** Areas in alphabetical order (devices without one last), devices by name within each. */
export function groupByArea(devices: readonly DeviceView[]): AreaGroup[] {
  const groups = new Map<string | null, DeviceView[]>();
  for (const device of devices) {
    const area = device.area ?? null;
    const list = groups.get(area);
    if (list) list.push(device);
    else groups.set(area, [device]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : collator.compare(a, b)))
    .map(([area, list]) => ({ area, devices: list.sort((x, y) => collator.compare(x.name, y.name)) }));
}

/** A row of the virtualised list: an area's heading, or up to `columns` device cards of that area. */
export type DeviceRow =
  | { kind: 'area'; key: string; area: string | null }
  | { kind: 'cards'; key: string; area: string | null; devices: DeviceView[] };

export function deviceRows(groups: readonly AreaGroup[], columns: number): DeviceRow[] {
  const rows: DeviceRow[] = [];
  for (const { area, devices } of groups) {
    rows.push({ kind: 'area', key: `area ${area ?? ''}`, area });
    for (let i = 0; i < devices.length; i += columns) {
      const chunk = devices.slice(i, i + columns);
      rows.push({ kind: 'cards', key: `cards ${chunk[0]!.id}`, area, devices: chunk });
    }
  }
  return rows;
}

/** The entity's value in `field` as its state topic last reported it. */
export function reported(entity: EntityView, field: Pending['field']): EntityView['value'] {
  if (field === 'brightness') return entity.brightness?.value ?? null;
  if (field === 'colorTemp') return entity.colorTemp?.value ?? null;
  if (field === 'color') return entity.color?.value ?? null;
  if (field === 'position') return entity.position?.value ?? null;
  return entity.value;
}

/** Whether the state now reported matches what a pending command expects. */
export function confirms(entity: EntityView, pending: Pending): boolean {
  const value = reported(entity, pending.field);
  if (pending.field === 'color') return sameColour(value, pending.expected);
  if (typeof pending.expected === 'number' && typeof value === 'number')
    return Math.abs(value - pending.expected) < 1e-9;
  return value === pending.expected;
}

/** The entity as shown: with the values of its pending commands in place of what was reported. */
export function shown(entity: EntityView, pending: readonly Pending[]): EntityView {
  let view = entity;
  for (const p of pending) {
    if (p.entityId !== entity.id) continue;
    if (p.field === 'value') view = { ...view, value: p.expected };
    else if (p.field === 'brightness' && view.brightness) {
      view = { ...view, brightness: { ...view.brightness, value: Number(p.expected) } };
    } else if (p.field === 'colorTemp' && view.colorTemp) {
      view = { ...view, colorTemp: { ...view.colorTemp, value: Number(p.expected) } };
    } else if (p.field === 'color' && view.color) {
      view = { ...view, color: { value: String(p.expected) } };
    } else if (p.field === 'position' && view.position) {
      view = { ...view, position: { ...view.position, value: Number(p.expected) } };
    }
  }
  return view;
}

/** How far apart (0..255 per channel) a reported colour may be from the one sent and still confirm it. */
const COLOUR_TOLERANCE = 8;

/**
 * Whether a reported colour is the one sent. A light that takes hue/saturation or xy reports its colour at
 * full brightness and rounded, so both are compared scaled to full brightness, within COLOUR_TOLERANCE.
 */
export function sameColour(reportedHex: unknown, sentHex: unknown): boolean {
  const a = fullBrightness(reportedHex);
  const b = fullBrightness(sentHex);
  return a !== null && b !== null && a.every((c, i) => Math.abs(c - b[i]!) <= COLOUR_TOLERANCE);
}

function fullBrightness(hex: unknown): number[] | null {
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const max = Math.max(...channels);
  return max === 0 ? channels : channels.map((c) => (c * 255) / max);
}

export function findEntity(
  devices: readonly DeviceView[],
  entityId: string,
): { device: DeviceView; entity: EntityView } | null {
  for (const device of devices) {
    const entity = device.entities.find((e) => e.id === entityId);
    if (entity) return { device, entity };
  }
  return null;
}
