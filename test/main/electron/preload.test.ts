import { beforeEach, describe, expect, test, vi } from 'vitest';
import { commandNames } from '../../../src/shared/contract.ts';
import { createStubCore } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { PRELOAD_COMMAND_NAMES } = await import('../../../src/preload/command-names.ts');
const { connectIpc } = await import('../../../src/main/electron/ipc.ts');
const { isAppUrl } = await import('../../../src/main/electron/app-protocol.ts');
const { EVENT_CHANNEL } = await import('../../../src/shared/ipc-channels.ts');

interface ExposedBridge {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** Runs the preload entry the way Electron would: once, in a fresh module instance. */
async function loadPreload(): Promise<ExposedBridge> {
  vi.resetModules();
  fake.contextBridge.exposed.clear();
  await import('../../../src/preload/index.ts');
  return fake.contextBridge.exposed.get('herald') as ExposedBridge;
}

beforeEach(() => {
  fake.resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('preload', () => {
  test('exposes exactly one object, window.herald, with invoke and subscribe only', async () => {
    const bridge = await loadPreload();
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['herald']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    // Nothing of ipcRenderer leaks through.
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('on');
  });

  test('knows exactly the contract’s commands', () => {
    expect([...PRELOAD_COMMAND_NAMES].sort()).toEqual([...commandNames].sort());
  });

  test('rejects unknown channels without sending anything to main', async () => {
    const bridge = await loadPreload();
    for (const channel of ['electron-store-get-data', 'herald:invoke', '__proto__', 'toString', 'shell.openExternal']) {
      const reply = await bridge.invoke(channel, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
    expect(fake.ipcRenderer.invoked).toEqual([]);
  });

  test('a known command travels through main (sender checked) to the core and back', async () => {
    const core = createStubCore();
    connectIpc({ core, getWindow: () => null, isTrustedSender: (url) => isAppUrl(url) });
    const bridge = await loadPreload();
    expect(await bridge.invoke('notifications.setPaused', { paused: true })).toEqual({
      ok: true,
      value: { paused: true },
    });
    expect(core.calls).toEqual([{ command: 'notifications.setPaused', request: { paused: true } }]);

    // The same preload in a page that is not the app gets refused by main.
    fake.ipcRenderer.pageUrl = 'https://evil.example/';
    expect(await bridge.invoke('inbox.markAllRead', {})).toMatchObject({ ok: false });
    expect(core.calls).toHaveLength(1);
  });

  test('subscribers get (eventName, payload), never the IpcRendererEvent, and can unsubscribe', async () => {
    const bridge = await loadPreload();
    const received: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args) => received.push(args));
    const rawEvent = { sender: fake.ipcRenderer, senderId: 0 };
    fake.ipcRenderer.emit(EVENT_CHANNEL, rawEvent, 'inbox.changed', { unread: 1 });
    expect(received).toEqual([['inbox.changed', { unread: 1 }]]);
    expect(received.flat()).not.toContain(rawEvent);

    unsubscribe();
    fake.ipcRenderer.emit(EVENT_CHANNEL, rawEvent, 'inbox.changed', { unread: 2 });
    expect(received).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
