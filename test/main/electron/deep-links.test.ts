// herald:// links against the fake Electron: Herald registers the scheme; herald://message/N shows the window on
// that message (after a new window's page has loaded), herald://open shows it, anything else does nothing; a
// second start's command line hands its link to the running Herald.
import { beforeEach, expect, test, vi } from 'vitest';
import { FakeEvent } from './fake-electron/event.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { deepLinkIn, handleDeepLinks, parseDeepLink } = await import('../../../src/main/electron/deep-links.ts');
const { claimSingleInstance } = await import('../../../src/main/electron/lifecycle.ts');

beforeEach(() => fake.resetFake());

test('reads only the links it knows', () => {
  expect(parseDeepLink('herald://message/42')).toEqual({ messageId: 42 });
  expect(parseDeepLink('herald:message/42')).toEqual({ messageId: 42 });
  expect(parseDeepLink('herald://open')).toEqual({});
  expect(parseDeepLink('herald://')).toEqual({});
  for (const other of [
    'herald://message/0',
    'herald://message/-1',
    'herald://message/4x',
    'herald://message/42/delete',
    'herald://settings',
    'https://message/42',
    'not a url',
  ]) {
    expect(parseDeepLink(other), other).toBeNull();
  }
  expect(deepLinkIn(['/opt/Herald/herald', '--hidden', 'herald://message/7'])).toBe('herald://message/7');
  expect(deepLinkIn(['/opt/Herald/herald'])).toBeUndefined();
});

function setup() {
  const window = new fake.BrowserWindow({ show: false });
  const opened: number[] = [];
  let shows = 0;
  const open = handleDeepLinks({
    core: { openMessage: (id: number) => opened.push(id) },
    showWindow: () => {
      shows++;
      return window as never;
    },
  });
  return { window, open, opened, shows: () => shows };
}

test('registers herald:// and opens a message from macOS open-url', () => {
  const { opened, shows } = setup();
  expect(fake.app.protocolClients).toEqual(['herald']);
  const event = new FakeEvent();
  fake.app.emit('open-url', event, 'herald://message/12');
  expect(event.defaultPrevented).toBe(true);
  expect(shows()).toBe(1);
  expect(opened).toEqual([12]);
  fake.app.emit('open-url', new FakeEvent(), 'herald://settings/delete-all');
  expect(shows()).toBe(1);
});

test('a window still loading opens the message once its page has loaded', () => {
  const { window, open, opened } = setup();
  window.webContents.loading = true;
  open('herald://message/5');
  expect(opened).toEqual([]);
  window.webContents.finishLoad();
  expect(opened).toEqual([5]);
});

test('a second start hands its command line (and its link) to the running Herald', () => {
  const seen: (readonly string[])[] = [];
  expect(claimSingleInstance((argv) => seen.push(argv))).toBe(true);
  fake.app.emit('second-instance', new FakeEvent(), ['/opt/Herald/herald', 'herald://message/9'], '/');
  expect(seen).toEqual([['/opt/Herald/herald', 'herald://message/9']]);
});
