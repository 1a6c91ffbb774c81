// The Devices page's bookkeeping: changes merged into the list, grouping by area, and pending commands shown
// until a reported state confirms them.
import { describe, expect, it } from 'vitest';
import type { DeviceView, EntityView } from '../../../src/shared/commands/devices.ts';
import {
  applyChange,
  confirms,
  groupByArea,
  shown,
  type Pending,
} from '../../../src/renderer/devices/devices-state.ts';

const entity = (id: string, value: EntityView['value']): EntityView => ({
  id,
  name: id,
  component: 'switch',
  control: 'toggle',
  settable: true,
  value,
});
const device = (id: string, area?: string, entities: EntityView[] = []): DeviceView => ({
  id,
  sourceId: 's',
  origin: 'homeassistant',
  name: id,
  ...(area ? { area } : {}),
  available: null,
  lastSeen: null,
  entities,
});

describe('devices state', () => {
  it('replaces changed devices in place, appends new ones and drops removed ones', () => {
    const a = device('a');
    const b = device('b');
    const next = applyChange([a, b], { devices: [device('b', 'Hall'), device('c')], removed: ['a'] });
    expect(next.map((d) => [d.id, d.area])).toEqual([
      ['b', 'Hall'],
      ['c', undefined],
    ]);
  });

  it('groups by area alphabetically, devices without an area last', () => {
    const groups = groupByArea([device('z', 'Kitchen'), device('y'), device('x', 'Attic'), device('w', 'Kitchen')]);
    expect(groups.map((g) => [g.area, g.devices.map((d) => d.id)])).toEqual([
      ['Attic', ['x']],
      ['Kitchen', ['w', 'z']],
      [null, ['y']],
    ]);
  });

  it('shows a pending value until the reported state matches it', () => {
    const pending: Pending = { entityId: 'lamp', field: 'value', expected: true, deadline: 0 };
    const off = entity('lamp', false);
    expect(shown(off, [pending]).value).toBe(true);
    expect(confirms(off, pending)).toBe(false);
    expect(confirms(entity('lamp', true), pending)).toBe(true);
    expect(shown(entity('other', false), [pending]).value).toBe(false);
  });
});
