// Pinned favourites in the tray menu, against the fake Electron and a stub core: toggles are checkboxes showing
// their state, buttons and press controls plain items; a click dispatches the command; the menu follows changes.
import { beforeEach, expect, test, vi } from 'vitest';
import type { DeviceView } from '../../../src/shared/commands/devices.ts';
import type { Favourite } from '../../../src/shared/commands/favourites.ts';
import { createStubCore } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { createTray } = await import('../../../src/main/electron/tray.ts');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const lamp: Favourite = {
  kind: 'entity',
  id: 'e-lamp',
  name: 'Desk lamp',
  deviceName: 'Office',
  control: 'toggle',
  on: true,
  available: true,
};
const doorbell: Favourite = {
  kind: 'button',
  id: 'b1',
  name: 'Ring doorbell',
  control: 'button',
  on: null,
  available: true,
};
const scene: Favourite = {
  kind: 'entity',
  id: 'e-scene',
  name: 'Movie scene',
  control: 'press',
  on: false,
  available: true,
};
const level: Favourite = {
  kind: 'entity',
  id: 'e-level',
  name: 'Volume',
  control: 'number',
  on: null,
  available: true,
};

async function setup(favourites: Favourite[]) {
  const core = createStubCore();
  core.favourites = favourites;
  createTray({ core, showWindow: () => {}, getWindow: () => null, quit: () => {}, platform: 'linux' });
  const tray = fake.Tray.instances.at(-1)!;
  await flush();
  const menu = () => tray.contextMenu as InstanceType<typeof fake.Menu>;
  return { core, tray, menu };
}

function lampDevice(on: boolean): DeviceView {
  const entity = { id: 'e-lamp', name: 'Desk lamp', component: 'light', control: 'toggle', settable: true, value: on };
  return {
    id: 'd-office',
    sourceId: 'local',
    origin: 'homeassistant',
    name: 'Office',
    available: true,
    lastSeen: 1,
    entities: [entity as DeviceView['entities'][number]],
  };
}

beforeEach(() => fake.resetFake());

test('pinned toggles are checkboxes with their state, buttons and presses plain items, before Quit', async () => {
  const { menu } = await setup([lamp, scene, level, doorbell]);
  const labels = menu()
    .items.filter((item) => item.type !== 'separator')
    .map((item) => item.label);
  // A number needs the window: it is not in the tray.
  expect(labels).toEqual([
    'Open inbox',
    'Mark all read',
    'Pause notifications',
    'Office: Desk lamp',
    'Movie scene',
    'Ring doorbell',
    'Quit',
  ]);
  expect(menu().item('Office: Desk lamp').type).toBe('checkbox');
  expect(menu().item('Office: Desk lamp').checked).toBe(true);
  expect(menu().item('Ring doorbell').type).toBe('normal');
});

test('nothing pinned: the menu has no favourites', async () => {
  const { menu } = await setup([]);
  expect(menu().items.map((item) => item.label)).toEqual([
    'Open inbox',
    'Mark all read',
    'Pause notifications',
    '',
    'Quit',
  ]);
});

test('clicking a toggle sends devices.command with the new state; a button press publish.buttons.press', async () => {
  const { core, menu } = await setup([lamp, scene, doorbell]);
  core.handlers['devices.command'] = (request) => {
    core.calls.push({ command: 'devices.command', request });
    return { topic: 'office/lamp/set', payload: 'OFF' };
  };
  core.handlers['publish.buttons.press'] = (request) => {
    core.calls.push({ command: 'publish.buttons.press', request });
    return { outcome: 'sent', queued: 0, topic: 'door/ring', payload: '1' };
  };
  menu().item('Office: Desk lamp').click();
  menu().item('Movie scene').click();
  menu().item('Ring doorbell').click();
  await flush();
  expect(core.calls).toEqual([
    { command: 'devices.command', request: { entityId: 'e-lamp', action: 'turn_off' } },
    { command: 'devices.command', request: { entityId: 'e-scene', action: 'press' } },
    { command: 'publish.buttons.press', request: { id: 'b1' } },
  ]);
});

test('the checkbox follows the device state and pins as they change', async () => {
  const { core, menu, tray } = await setup([lamp]);
  const setsBefore = tray.contextMenuSets;
  core.favourites = [{ ...lamp, on: false }];
  core.emit('devices.changed', { devices: [lampDevice(false)], removed: [] });
  await flush();
  expect(tray.contextMenuSets).toBeGreaterThan(setsBefore);
  expect(menu().item('Office: Desk lamp').checked).toBe(false);

  core.favourites = [{ ...lamp, on: false }, doorbell];
  core.emit('favourites.changed', {});
  await flush();
  expect(menu().item('Ring doorbell').type).toBe('normal');
});

test('a device change that touches no favourite does not rebuild the menu', async () => {
  const { core, tray } = await setup([doorbell]);
  const setsBefore = tray.contextMenuSets;
  core.emit('devices.changed', { devices: [lampDevice(false)], removed: [] });
  await flush();
  expect(tray.contextMenuSets).toBe(setsBefore);
});

test('a refused toggle puts the checkbox back', async () => {
  const { core, menu } = await setup([lamp]);
  // The stub refuses devices.command (not implemented): the lamp stays on.
  menu().item('Office: Desk lamp').click();
  expect(menu().item('Office: Desk lamp').checked).toBe(false);
  await flush();
  await flush();
  expect(core.calls.map((call) => call.command)).toEqual(['devices.command']);
  expect(menu().item('Office: Desk lamp').checked).toBe(true);
});

test('an unavailable favourite is shown disabled', async () => {
  const { menu } = await setup([{ ...lamp, available: false }]);
  expect(menu().item('Office: Desk lamp').enabled).toBe(false);
});
