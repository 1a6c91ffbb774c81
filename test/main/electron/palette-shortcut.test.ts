// The global shortcut that opens the quick palette, against the fake Electron: pressing it shows the window and
// sends the page `ui.openPalette`, after the page has loaded when the window is new.
import { beforeEach, expect, test, vi } from 'vitest';
import { EVENT_CHANNEL } from '../../../src/shared/ipc-channels.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { registerPaletteShortcut, PALETTE_SHORTCUT } = await import('../../../src/main/electron/palette-shortcut.ts');

beforeEach(() => fake.resetFake());

function setup() {
  const window = new fake.BrowserWindow({ show: false });
  let shows = 0;
  const shortcut = registerPaletteShortcut({
    showWindow: () => {
      shows++;
      return window as never;
    },
  });
  return { window, shortcut, shows: () => shows };
}

const paletteEvents = (window: InstanceType<typeof fake.BrowserWindow>) =>
  window.webContents.sent.filter((m) => m.channel === EVENT_CHANNEL && m.args[0] === 'ui.openPalette');

test('CommandOrControl+Shift+H shows the window and asks the page to open the palette', () => {
  const { window, shortcut, shows } = setup();
  expect(PALETTE_SHORTCUT).toBe('CommandOrControl+Shift+H');
  expect(shortcut.registered).toBe(true);
  expect(fake.globalShortcut.isRegistered(PALETTE_SHORTCUT)).toBe(true);
  fake.globalShortcut.press(PALETTE_SHORTCUT);
  expect(shows()).toBe(1);
  expect(paletteEvents(window)).toEqual([{ channel: EVENT_CHANNEL, args: ['ui.openPalette', {}] }]);
});

test('a window still loading gets the event once its page has loaded', () => {
  const { window } = setup();
  window.webContents.loading = true;
  fake.globalShortcut.press(PALETTE_SHORTCUT);
  expect(paletteEvents(window)).toHaveLength(0);
  window.webContents.finishLoad();
  expect(paletteEvents(window)).toHaveLength(1);
});

test('a shortcut taken by another application is reported, not fatal; dispose releases ours', () => {
  fake.globalShortcut.taken.add(PALETTE_SHORTCUT);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const taken = registerPaletteShortcut({ showWindow: () => new fake.BrowserWindow({}) as never });
  expect(taken.registered).toBe(false);
  expect(warn).toHaveBeenCalledWith(expect.stringContaining('taken by another application'));
  warn.mockRestore();

  fake.globalShortcut.taken.clear();
  const ours = setup();
  ours.shortcut.dispose();
  expect(fake.globalShortcut.isRegistered(PALETTE_SHORTCUT)).toBe(false);
});
