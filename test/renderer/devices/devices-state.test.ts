// The Devices page's bookkeeping: changes merged into the list, the filter, grouping by area, the rows of the
// virtualised list, and pending commands shown until a reported state confirms them.
import { describe, expect, it } from 'vitest';
import type { DeviceView, EntityView } from '../../../src/shared/commands/devices.ts';
import {
  applyChange,
  applyChanges,
  confirms,
  deviceRows,
  filterDevices,
  groupByArea,
  shown,
  type Pending,
} from '../../../src/renderer/devices/devices-state.ts';

const entity = (id: string, value: EntityView['value'], name = id): EntityView => ({
  id,
  name,
  component: 'switch',
  control: 'toggle',
  settable: true,
  value,
});
const device = (id: string, area?: string, entities: EntityView[] = [], name = id): DeviceView => ({
  id,
  sourceId: 's',
  origin: 'homeassistant',
  name,
  ...(area ? { area } : {}),
  available: null,
  lastSeen: null,
  entities,
});
const ids = (devices: readonly DeviceView[]) => devices.map((d) => d.id);

describe('applying devices.changed', () => {
  it('replaces changed devices in place, appends new ones and drops removed ones', () => {
    const a = device('a');
    const b = device('b');
    const next = applyChange([a, b], { devices: [device('b', 'Hall'), device('c')], removed: ['a'] });
    expect(next.map((d) => [d.id, d.area])).toEqual([
      ['b', 'Hall'],
      ['c', undefined],
    ]);
  });

  it('keeps the order of the list; new devices follow in the order they were first announced', () => {
    const next = applyChanges(
      [device('a'), device('b'), device('c')],
      [
        { devices: [device('y'), device('c', 'Attic')], removed: [] },
        { devices: [device('x'), device('y', 'Hall'), device('a', 'Hall')], removed: [] },
      ],
    );
    expect(next.map((d) => [d.id, d.area])).toEqual([
      ['a', 'Hall'],
      ['b', undefined],
      ['c', 'Attic'],
      ['y', 'Hall'],
      ['x', undefined],
    ]);
  });

  it('lets the later change of a batch win: updated then removed is gone, removed then announced is back', () => {
    const next = applyChanges(
      [device('a'), device('b')],
      [
        { devices: [device('a', 'Hall'), device('new')], removed: ['b'] },
        { devices: [device('b', 'Attic')], removed: ['a', 'new'] },
      ],
    );
    expect(next.map((d) => [d.id, d.area])).toEqual([['b', 'Attic']]);
  });

  it('ignores the removal of a device it does not have, and an empty batch changes nothing', () => {
    const list = [device('a'), device('b')];
    expect(applyChange(list, { devices: [], removed: ['ghost'] })).toEqual(list);
    const same = applyChanges(list, []);
    expect(same).toEqual(list);
    expect(same[0]).toBe(list[0]);
  });

  it('keeps the objects of unchanged devices and entities, so their memoised rows are not redrawn', () => {
    const lamp = entity('lamp', true);
    const fan = entity('fan', false);
    const kitchen = device('kitchen', 'Kitchen', [lamp, fan]);
    const hall = device('hall', 'Hall', [entity('door', 'closed')]);
    const next = applyChange([kitchen, hall], {
      // A copy, as the bridge delivers it: the lamp's state is equal, the fan's changed.
      devices: [device('kitchen', 'Kitchen', [entity('lamp', true), entity('fan', true)])],
      removed: [],
    });
    expect(next[1]).toBe(hall);
    expect(next[0]!.entities[0]).toBe(lamp);
    expect(next[0]!.entities[1]).not.toBe(fan);
    expect(next[0]!.entities[1]!.value).toBe(true);
  });

  it('takes the entities as announced: one gone from the device is gone from the list', () => {
    const next = applyChange([device('d', undefined, [entity('one', 1), entity('two', 2)])], {
      devices: [device('d', undefined, [entity('two', 2), entity('three', 3)])],
      removed: [],
    });
    expect(next[0]!.entities.map((e) => e.id)).toEqual(['two', 'three']);
  });
});

describe('the filter', () => {
  const lamp = entity('lamp', true, 'Ceiling lamp');
  const blinds = entity('blinds', 'open', 'Window blinds');
  const livingRoom = device('living', 'Living room', [lamp, blinds], 'Living room hub');
  const sensor = device('sensor', 'Garden', [entity('temp', 21, 'Temperature')], 'Weather station');
  const list = [livingRoom, sensor];

  it('keeps every device for an empty or blank query', () => {
    expect(filterDevices(list, '')).toBe(list);
    expect(filterDevices(list, '   ')).toBe(list);
  });

  it('keeps a device whose name matches, in any case, with all its entities', () => {
    const found = filterDevices(list, 'WEATHER');
    expect(found).toEqual([sensor]);
    expect(found[0]).toBe(sensor);
  });

  it('keeps every device of an area whose name matches, with all their entities', () => {
    const found = filterDevices(list, 'garden');
    expect(found).toEqual([sensor]);
    expect(found[0]).toBe(sensor);
  });

  it('keeps a device with a matching entity, showing only the entities that match', () => {
    const found = filterDevices(list, 'lamp');
    expect(ids(found)).toEqual(['living']);
    expect(found[0]!.entities).toEqual([lamp]);
    // The list itself is left as it was.
    expect(livingRoom.entities).toEqual([lamp, blinds]);
  });

  it('ignores spaces around the query but not inside it', () => {
    expect(ids(filterDevices(list, '  window blinds '))).toEqual(['living']);
    expect(filterDevices(list, 'windowblinds')).toEqual([]);
  });

  it('finds nothing when no device, area or entity name contains the query', () => {
    expect(filterDevices(list, 'toaster')).toEqual([]);
  });

  it('keeps the order of the list', () => {
    expect(ids(filterDevices([sensor, livingRoom], 'e'))).toEqual(['sensor', 'living']);
    expect(ids(filterDevices([livingRoom, sensor], 'e'))).toEqual(['living', 'sensor']);
  });
});

describe('grouping by area', () => {
  it('groups by area alphabetically, devices without an area last', () => {
    const groups = groupByArea([device('z', 'Kitchen'), device('y'), device('x', 'Attic'), device('w', 'Kitchen')]);
    expect(groups.map((g) => [g.area, g.devices.map((d) => d.id)])).toEqual([
      ['Attic', ['x']],
      ['Kitchen', ['w', 'z']],
      [null, ['y']],
    ]);
  });

  it('orders areas and devices as people read them, not by character code', () => {
    const groups = groupByArea([
      device('1', 'Kitchen', [], 'Bravo'),
      device('2', 'attic', [], 'charlie'),
      device('3', 'Kitchen', [], 'alpha'),
    ]);
    expect(groups.map((g) => [g.area, g.devices.map((d) => d.name)])).toEqual([
      ['attic', ['charlie']],
      ['Kitchen', ['alpha', 'Bravo']],
    ]);
  });

  it('has no groups without devices', () => {
    expect(groupByArea([])).toEqual([]);
  });
});

describe('the rows of the device list', () => {
  const kitchen = ['k1', 'k2', 'k3', 'k4', 'k5'].map((id) => device(id, 'Kitchen'));
  const loose = [device('n1')];
  const groups = groupByArea([...kitchen, ...loose]);
  const layout = (columns: number) =>
    deviceRows(groups, columns).map((row) => (row.kind === 'area' ? `# ${row.area}` : ids(row.devices).join(' ')));

  it("puts each area's heading above its cards, in rows of as many cards as there are columns", () => {
    expect(layout(2)).toEqual(['# Kitchen', 'k1 k2', 'k3 k4', 'k5', '# null', 'n1']);
  });

  it('gives each device a row of its own in one column, and an area one row when all fit', () => {
    expect(layout(1)).toEqual(['# Kitchen', 'k1', 'k2', 'k3', 'k4', 'k5', '# null', 'n1']);
    expect(layout(5)).toEqual(['# Kitchen', 'k1 k2 k3 k4 k5', '# null', 'n1']);
  });

  it('tells each row the area it belongs to', () => {
    expect(deviceRows(groups, 3).map((row) => row.area)).toEqual(['Kitchen', 'Kitchen', 'Kitchen', null, null]);
  });

  it('keys rows uniquely, and keeps the keys of an area whose devices did not change', () => {
    const keys = deviceRows(groups, 2).map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
    // A device added to another area: the Kitchen's rows stay the same rows for the virtualiser.
    const more = deviceRows(groupByArea([...kitchen, ...loose, device('a1', 'Attic')]), 2);
    expect(more.filter((row) => row.area === 'Kitchen').map((row) => row.key)).toEqual(keys.slice(0, 4));
    expect(new Set(more.map((row) => row.key)).size).toBe(more.length);
  });
});

describe('pending commands', () => {
  it('shows a pending value until the reported state matches it', () => {
    const pending: Pending = { entityId: 'lamp', field: 'value', expected: true, deadline: 0 };
    const off = entity('lamp', false);
    expect(shown(off, [pending]).value).toBe(true);
    expect(confirms(off, pending)).toBe(false);
    expect(confirms(entity('lamp', true), pending)).toBe(true);
    expect(shown(entity('other', false), [pending]).value).toBe(false);
  });
});

describe('pending colours and positions', () => {
  const light = (color: string | null): EntityView => ({ ...entity('lamp', true), color: { value: color } });
  const cover = (position: number | null): EntityView => ({
    ...entity('blinds', 'open'),
    control: 'cover',
    position: { value: position, settable: true },
  });

  it('shows a picked colour until the light reports it', () => {
    const pending: Pending = { entityId: 'lamp', field: 'color', expected: '#ff8000', deadline: 0 };
    expect(shown(light('#0000ff'), [pending]).color).toEqual({ value: '#ff8000' });
    expect(confirms(light('#0000ff'), pending)).toBe(false);
    expect(confirms(light('#ff8000'), pending)).toBe(true);
  });

  it('takes the same colour at full brightness, or rounded by hs or xy, as confirming it', () => {
    const pending: Pending = { entityId: 'lamp', field: 'color', expected: '#804000', deadline: 0 };
    expect(confirms(light('#ff8000'), pending)).toBe(true);
    expect(confirms(light('#fc7f03'), pending)).toBe(true);
    expect(confirms(light('#ff6000'), pending)).toBe(false);
    expect(confirms(light(null), pending)).toBe(false);
  });

  it('shows a sent position until the cover reports it', () => {
    const pending: Pending = { entityId: 'blinds', field: 'position', expected: 40, deadline: 0 };
    expect(shown(cover(0), [pending]).position).toEqual({ value: 40, settable: true });
    expect(confirms(cover(0), pending)).toBe(false);
    expect(confirms(cover(40), pending)).toBe(true);
  });
});
