// The Devices page's data without React: the device list as devices.changed keeps it, grouped by area, and the
// commands awaiting confirmation (shown at once, confirmed when the state topic reports the value, rolled back
// when it has not after CONFIRM_TIMEOUT_MS).
import type { DeviceView, DevicesChanged, EntityView } from '../../shared/commands/devices.ts';

export const CONFIRM_TIMEOUT_MS = 5_000;

/** What an entity should show until its state topic says so. */
export interface Pending {
  entityId: string;
  field: 'value' | 'brightness' | 'colorTemp';
  expected: EntityView['value'];
  /** When it is given up (ms since epoch). */
  deadline: number;
}

export function applyChange(devices: readonly DeviceView[], change: DevicesChanged): DeviceView[] {
  const replaced = new Map(change.devices.map((d) => [d.id, d]));
  const removed = new Set(change.removed);
  const next = devices.filter((d) => !removed.has(d.id)).map((d) => replaced.get(d.id) ?? d);
  const known = new Set(devices.map((d) => d.id));
  for (const device of change.devices) if (!known.has(device.id)) next.push(device);
  return next;
}

export interface AreaGroup {
  /** null: devices without an area. */
  area: string | null;
  devices: DeviceView[];
}

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
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([area, list]) => ({ area, devices: list.sort((x, y) => x.name.localeCompare(y.name)) }));
}

/** The entity's value in `field` as its state topic last reported it. */
export function reported(entity: EntityView, field: Pending['field']): EntityView['value'] {
  if (field === 'brightness') return entity.brightness?.value ?? null;
  if (field === 'colorTemp') return entity.colorTemp?.value ?? null;
  return entity.value;
}

/** Whether the state now reported matches what a pending command expects. */
export function confirms(entity: EntityView, pending: Pending): boolean {
  const value = reported(entity, pending.field);
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
    }
  }
  return view;
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
