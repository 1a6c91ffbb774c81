import { PNG } from 'pngjs';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { BADGE_RED } from '../../../src/main/core/badge/tray-icon.ts';
import { createStubCore, source } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { createTray, describeTooltip, overallState } = await import('../../../src/main/electron/tray.ts');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(initial: Parameters<typeof createStubCore>[0] = {}, platform: NodeJS.Platform = 'linux') {
  const core = createStubCore(initial);
  const shown: number[] = [];
  let quits = 0;
  const window = new fake.BrowserWindow({ show: false });
  const controller = createTray({
    core,
    showWindow: () => shown.push(Date.now()),
    getWindow: () => window as never,
    quit: () => quits++,
    platform,
  });
  const tray = fake.Tray.instances.at(-1)!;
  const menu = () => tray.contextMenu as InstanceType<typeof fake.Menu>;
  return { core, tray, menu, shown, quits: () => quits, window, controller };
}

const redPixels = (image: { buffer: Buffer }) => {
  const png = PNG.sync.read(image.buffer);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] === BADGE_RED[0] && png.data[i + 1] === BADGE_RED[1] && png.data[i + 2] === BADGE_RED[2]) count++;
  }
  return count;
};

beforeEach(() => fake.resetFake());

describe('tray menu', () => {
  test('has Open inbox, Mark all read, Pause notifications and Quit', () => {
    const { menu } = setup({ unread: 2 });
    const labels = menu()
      .items.filter((item) => item.type !== 'separator')
      .map((item) => item.label);
    expect(labels).toEqual(['Open inbox', 'Mark all read', 'Pause notifications', 'Quit']);
    expect(menu().item('Pause notifications').type).toBe('checkbox');
  });

  test('a newer Herald is the first item; it opens the release page in the browser', () => {
    const releaseUrl = 'https://example.com/herald/releases/9.9.9';
    const { menu, shown } = setup({ update: { version: '9.9.9', releaseUrl } });
    expect(menu().items[0]!.label).toBe('Herald 9.9.9 is available…');
    menu().item('Herald 9.9.9 is available…').click();
    expect(fake.shell.opened).toEqual([releaseUrl]);
    expect(shown).toHaveLength(0);
  });

  test('a newer Herald without a safe release page shows the window instead', () => {
    const { menu, shown } = setup({ update: { version: '9.9.9', releaseUrl: 'file:///etc/passwd' } });
    menu().item('Herald 9.9.9 is available…').click();
    expect(fake.shell.opened).toEqual([]);
    expect(shown).toHaveLength(1);
  });

  test('the update item comes and goes with the app state', () => {
    const { core, menu } = setup();
    expect(menu().items.some((item) => item.label?.includes('is available'))).toBe(false);
    core.emit('app.state', { ...core.state, update: { version: '2.0.0' } });
    expect(menu().items[0]!.label).toBe('Herald 2.0.0 is available…');
    core.emit('app.state', { ...core.state, update: null });
    expect(menu().items.some((item) => item.label?.includes('is available'))).toBe(false);
  });

  test('Open inbox shows the window; Quit quits', () => {
    const { menu, shown, quits } = setup();
    menu().item('Open inbox').click();
    expect(shown).toHaveLength(1);
    menu().item('Quit').click();
    expect(quits()).toBe(1);
  });

  test('Mark all read runs inbox.markAllRead on the core', async () => {
    const { core, menu } = setup({ unread: 5 });
    menu().item('Mark all read').click();
    await flush();
    expect(core.calls).toEqual([{ command: 'inbox.markAllRead', request: {} }]);
    expect(core.state.unread).toBe(0);
  });

  test('Pause notifications toggles notifications.setPaused and the checkbox follows', async () => {
    const { core, menu, tray } = setup({ paused: false });
    const setsBefore = tray.contextMenuSets;
    menu().item('Pause notifications').click();
    await flush();
    expect(core.calls).toEqual([{ command: 'notifications.setPaused', request: { paused: true } }]);
    // The menu was rebuilt and handed to the tray again (Linux needs setContextMenu after changes).
    expect(tray.contextMenuSets).toBeGreaterThan(setsBefore);
    expect(menu().item('Pause notifications').checked).toBe(true);

    menu().item('Pause notifications').click();
    await flush();
    expect(core.calls.at(-1)).toEqual({ command: 'notifications.setPaused', request: { paused: false } });
    expect(menu().item('Pause notifications').checked).toBe(false);
  });

  test('the checkbox reflects a pause made elsewhere (app.state from the core)', () => {
    const { core, menu } = setup();
    core.emit('app.state', { ...core.getState(), paused: true });
    expect(menu().item('Pause notifications').checked).toBe(true);
  });
});

describe('tray icon and badge', () => {
  test('the image changes with the unread count and setBadgeCount gets the number', () => {
    const { core, tray } = setup({ unread: 0 });
    expect(redPixels(tray.image)).toBe(0);
    expect(fake.app.badgeCounts).toEqual([0]);

    core.emit('inbox.changed', { added: [], addedCount: 3, unread: 3, total: 3 });
    expect(tray.images).toHaveLength(2);
    expect(tray.image.buffer.equals(tray.images[0]!.buffer)).toBe(false);
    expect(redPixels(tray.image)).toBeGreaterThan(0);
    expect(fake.app.badgeCounts).toEqual([0, 3]);

    core.emit('inbox.changed', { added: [], addedCount: 1, unread: 4, total: 4 });
    expect(tray.images).toHaveLength(3);
    expect(tray.images[2]!.buffer.equals(tray.images[1]!.buffer)).toBe(false);
    expect(fake.app.badgeCounts.at(-1)).toBe(4);
  });

  test('nothing is redrawn when nothing visible changed', () => {
    const { core, tray } = setup({ unread: 120 });
    const menuSets = tray.contextMenuSets;
    core.emit('inbox.changed', { added: [], addedCount: 0, unread: 120, total: 200 });
    // 120 -> 150 is still "99+": same picture, but the badge count itself changes.
    core.emit('inbox.changed', { added: [], addedCount: 30, unread: 150, total: 230 });
    expect(tray.images).toHaveLength(1);
    expect(tray.contextMenuSets).toBe(menuSets);
    expect(fake.app.badgeCounts).toEqual([120, 150]);
  });

  test('paused and source errors change the icon', () => {
    const { core, tray } = setup();
    core.emit('app.state', { ...core.getState(), paused: true });
    expect(tray.images).toHaveLength(2);
    core.emit('app.state', { ...core.getState(), paused: true, sources: [source('Office', 'error', 'ECONNREFUSED')] });
    expect(tray.images).toHaveLength(3);
  });

  test('on Windows the count goes to the taskbar overlay of the window instead of setBadgeCount', () => {
    const { core, window } = setup({ unread: 0 }, 'win32');
    core.emit('inbox.changed', { added: [], addedCount: 2, unread: 2, total: 2 });
    expect(fake.app.badgeCounts).toEqual([]);
    expect(window.overlayIcons.at(-1)?.description).toBe('2 unread');
    expect(window.overlayIcons.at(-1)?.image).not.toBeNull();
    core.emit('inbox.changed', { added: [], addedCount: 0, unread: 0, total: 2, allRead: true });
    expect(window.overlayIcons.at(-1)?.image).toBeNull();
  });

  test('destroy stops listening to the core', () => {
    const { core, tray, controller } = setup();
    expect(core.listenerCount()).toBeGreaterThan(0);
    controller.destroy();
    expect(core.listenerCount()).toBe(0);
    expect(tray.isDestroyed()).toBe(true);
  });
});

describe('tooltip', () => {
  test('says the unread count and one line per source, with errors spelled out', () => {
    const { core, tray } = setup({ unread: 3 });
    expect(tray.tooltip).toBe('Herald — 3 unread\nLocal broker: connected');
    core.emit('app.state', {
      ...core.getState(),
      sources: [source('Local broker', 'connected'), source('Office', 'error', 'connect ECONNREFUSED 10.0.0.5:1883')],
    });
    expect(tray.tooltip).toBe(
      'Herald — 3 unread\nLocal broker: connected\nOffice: error — connect ECONNREFUSED 10.0.0.5:1883',
    );
  });

  test('speaks the language the UI shows, and changes with it', () => {
    const { core, tray, menu } = setup({ unread: 3 });
    core.emit('app.state', { ...core.getState(), locale: 'zh-CN' });
    expect(tray.tooltip).toBe('Herald — 3 条未读\nLocal broker: 已连接');
    const labels = menu()
      .items.filter((item) => item.type !== 'separator')
      .map((item) => item.label);
    expect(labels).toEqual(['打开收件箱', '全部标为已读', '暂停通知', '退出']);
    core.emit('app.state', { ...core.getState(), locale: 'en' });
    expect(tray.tooltip).toBe('Herald — 3 unread\nLocal broker: connected');
    expect(menu().item('Open inbox').label).toBe('Open inbox');
  });

  test('says when the bridge cannot reach its upstream broker, and tints the icon as a warning', () => {
    const broker = { enabled: true, running: true, host: '127.0.0.1', port: 1883, lan: false };
    const bridge = { url: 'mqtts://cloud.example:8883', in: 0, out: 0, dropped: 0, queued: 0 };
    const offline = {
      unread: 0,
      paused: false,
      sources: [source('Local broker', 'connected')],
      broker: { ...broker, bridge: { ...bridge, state: 'offline' as const, error: 'connection refused' } },
    };
    expect(describeTooltip(offline, 'linux')).toBe(
      'Herald — 0 unread\nBridge to mqtts://cloud.example:8883: connection refused\nLocal broker: connected',
    );
    expect(overallState(offline)).toBe('warning');
    const connected = { ...offline, broker: { ...broker, bridge: { ...bridge, state: 'connected' as const } } };
    expect(describeTooltip(connected, 'linux')).toBe('Herald — 0 unread\nLocal broker: connected');
    expect(overallState(connected)).toBe('ok');
  });

  test('is cut to 127 characters on Windows only', () => {
    const status = {
      unread: 1,
      paused: false,
      broker: { enabled: false, running: false, host: '127.0.0.1', port: null, lan: false },
      sources: Array.from({ length: 10 }, (_, i) => source(`Source number ${i}`, 'reconnecting')),
    };
    expect(describeTooltip(status, 'win32').length).toBe(127);
    expect(describeTooltip(status, 'linux').length).toBeGreaterThan(127);
    expect(overallState(status)).toBe('warning');
  });
});

test('a refused pause puts the checkbox back', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const { core, menu } = setup();
  core.handlers['notifications.setPaused'] = () => {
    throw new Error('settings are read-only');
  };
  menu().item('Pause notifications').click();
  await flush();
  expect(menu().item('Pause notifications').checked).toBe(false);
});
