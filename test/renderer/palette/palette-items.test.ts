import { describe, expect, test } from 'vitest';
import type { DeviceView } from '../../../src/shared/commands/devices.ts';
import { actionOf, paletteItems, searchText } from '../../../src/renderer/palette/palette-items.ts';
import { SavedButton } from '../../../src/shared/publish.ts';

const entity = (id: string, name: string, control: string, value: boolean | null = null) =>
  ({ id, name, component: 'switch', control, settable: true, value }) as DeviceView['entities'][number];
const device: DeviceView = {
  id: 'd1',
  sourceId: 'home',
  origin: 'homeassistant',
  name: 'Kitchen',
  available: true,
  lastSeen: null,
  entities: [
    entity('lamp', 'Lamp', 'toggle', true),
    entity('bell', 'Kitchen bell', 'press'),
    entity('t', 'Temp', 'readout'),
  ],
};
const buttons = [
  SavedButton.parse({ id: 'b1', name: 'Ring', sourceId: 'home', topic: 'door/ring' }),
  SavedButton.parse({
    id: 'b2',
    name: 'Set level',
    sourceId: 'home',
    topic: 'lvl',
    payload: '{{input}}',
    pinned: true,
  }),
];
const pages = [{ id: 'inbox', label: 'Inbox' }];

describe('paletteItems', () => {
  test('pinned favourites come first, then entities, buttons and pages in their order', () => {
    const items = paletteItems([device], buttons, pages, [
      { kind: 'entity', id: 'bell', name: 'Kitchen bell', control: 'press', on: null, available: true },
    ]);
    expect(items.map((i) => `${i.kind}:${i.id}:${i.pinned}`)).toEqual([
      'entity:bell:true',
      'button:b2:true',
      'entity:lamp:false',
      'entity:t:false',
      'button:b1:false',
      'page:inbox:false',
    ]);
  });

  test('an entity is found by its device name too, unless its name already says it', () => {
    const [lamp, bell] = paletteItems([device], [], [], []);
    expect(searchText(lamp!)).toBe('Lamp Kitchen');
    expect(searchText(bell!)).toBe('Kitchen bell');
  });
});

describe('actionOf', () => {
  const items = paletteItems([device], buttons, pages, []);
  const find = (id: string) => items.find((i) => i.id === id)!;

  test('a toggle flips its reported state; a press control presses', () => {
    expect(actionOf(find('lamp'))).toEqual({ type: 'device', entityId: 'lamp', action: 'turn_off' });
    expect(actionOf({ ...find('lamp'), on: null } as never)).toEqual({
      type: 'device',
      entityId: 'lamp',
      action: 'turn_on',
    });
    expect(actionOf(find('bell'))).toEqual({ type: 'device', entityId: 'bell', action: 'press' });
  });

  test('what needs more than a click goes to its page', () => {
    expect(actionOf(find('t'))).toEqual({ type: 'page', page: 'devices' });
    expect(actionOf(find('b2'))).toEqual({ type: 'page', page: 'publish' });
    expect(actionOf(find('b1'))).toEqual({ type: 'button', id: 'b1' });
    expect(actionOf(find('inbox'))).toEqual({ type: 'page', page: 'inbox' });
  });
});
