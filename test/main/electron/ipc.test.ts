import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createStubCore } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { connectIpc } = await import('../../../src/main/electron/ipc.ts');
const { isAppUrl } = await import('../../../src/main/electron/app-protocol.ts');
const { EVENT_CHANNEL, INVOKE_CHANNEL } = await import('../../../src/shared/ipc-channels.ts');

function setup(devServerUrl?: string) {
  const core = createStubCore({ unread: 7 });
  const window = new fake.BrowserWindow({ show: false });
  let current: InstanceType<typeof fake.BrowserWindow> | null = window;
  const disconnect = connectIpc({
    core,
    getWindow: () => current as never,
    isTrustedSender: (url) => isAppUrl(url, devServerUrl),
  });
  return { core, window, disconnect, dropWindow: () => (current = null) };
}

beforeEach(() => {
  fake.resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('IPC: commands', () => {
  test('registers exactly one invoke channel', () => {
    setup();
    expect([...fake.ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  test('a command from the app origin is dispatched to the core', async () => {
    const { core } = setup();
    const reply = await fake.ipcMain.invokeFrom('app://herald/index.html', INVOKE_CHANNEL, 'inbox.markAllRead', {});
    expect(reply).toEqual({ ok: true, value: { unread: 0 } });
    expect(core.calls).toEqual([{ command: 'inbox.markAllRead', request: {} }]);
  });

  test.each([
    'https://evil.example/',
    'file:///home/user/evil.html',
    'app://herald.evil/index.html',
    'http://localhost:5173/',
    '',
    null,
  ])('a command from a foreign sender (%s) is refused and never runs', async (senderUrl) => {
    const { core } = setup();
    const reply = (await fake.ipcMain.invokeFrom(senderUrl, INVOKE_CHANNEL, 'inbox.markAllRead', {})) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error?.message).toMatch(/refused/);
    expect(core.calls).toEqual([]);
  });

  test('the dev server is a trusted sender in development', async () => {
    const { core } = setup('http://localhost:5173');
    const reply = await fake.ipcMain.invokeFrom('http://localhost:5173/', INVOKE_CHANNEL, 'app.getState', {});
    expect(reply).toMatchObject({ ok: true, value: { unread: 7 } });
    expect(core.calls).toHaveLength(1);
  });

  test('malformed input gets an error reply from the contract, not an exception', async () => {
    const { core } = setup();
    const sender = 'app://herald/index.html';
    expect(await fake.ipcMain.invokeFrom(sender, INVOKE_CHANNEL, 'shell.exec', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(
      await fake.ipcMain.invokeFrom(sender, INVOKE_CHANNEL, 'notifications.setPaused', { paused: 'yes' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(core.calls).toEqual([]);
  });
});

describe('IPC: events', () => {
  test('core events reach the window on one event channel as (name, payload)', () => {
    const { core, window } = setup();
    const payload = { added: [], addedCount: 2, unread: 9, total: 9 };
    core.emit('inbox.changed', payload);
    expect(window.webContents.sent).toEqual([{ channel: EVENT_CHANNEL, args: ['inbox.changed', payload] }]);
  });

  test('notify stays in main (shown natively), and nothing is sent without a live window', () => {
    const { core, window, dropWindow } = setup();
    core.emit('notify', { title: 't', body: 'b', priority: 3, sourceId: 's', count: 1 });
    expect(window.webContents.sent).toEqual([]);
    window.destroy();
    expect(() => core.emit('ui.openMessage', { id: 1 })).not.toThrow();
    dropWindow();
    core.emit('ui.openMessage', { id: 1 });
    expect(window.webContents.sent).toEqual([]);
  });

  test('disconnect removes the handler and the event subscription', () => {
    const { core, disconnect } = setup();
    disconnect();
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(core.listenerCount()).toBe(0);
  });
});
