import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createStubCore } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { claimSingleInstance, manageQuit } = await import('../../../src/main/electron/lifecycle.ts');
const { reconnectOnWake } = await import('../../../src/main/electron/power.ts');

beforeEach(() => fake.resetFake());

describe('single instance', () => {
  test('the first instance keeps the lock and focuses its window when a second one starts', () => {
    const focused: number[] = [];
    expect(claimSingleInstance(() => focused.push(1))).toBe(true);
    fake.app.emit('second-instance', new fake.FakeEvent(), ['herald'], '/');
    expect(focused).toEqual([1]);
  });

  test('a second instance is told to give up', () => {
    fake.app.singleInstanceLock = false;
    expect(claimSingleInstance(() => {})).toBe(false);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });
});

describe('quit', () => {
  test('closing the last window does not quit (the app lives in the tray)', () => {
    manageQuit(async () => {});
    expect(fake.app.listenerCount('window-all-closed')).toBe(1);
  });

  test('before-quit is held until the core has stopped, then quit goes through once', async () => {
    let finishStop!: () => void;
    const stop = vi.fn(() => new Promise<void>((resolve) => (finishStop = resolve)));
    const control = manageQuit(stop);
    expect(control.isQuitting()).toBe(false);

    const first = new fake.FakeEvent();
    fake.app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(control.isQuitting()).toBe(true);
    // A second Quit while stopping neither stops twice nor lets the app go early.
    const second = new fake.FakeEvent();
    fake.app.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(true);
    expect(stop).toHaveBeenCalledTimes(1);

    const quitsBefore = fake.app.quitCalls;
    finishStop();
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(quitsBefore + 1));
    const last = new fake.FakeEvent();
    fake.app.emit('before-quit', last);
    expect(last.defaultPrevented).toBe(false);
  });

  test('a failing stop still lets the app quit', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    manageQuit(() => Promise.reject(new Error('database locked')));
    fake.app.emit('before-quit', new fake.FakeEvent());
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1));
  });
});

describe('power', () => {
  test('resume and unlock-screen reconnect the sources', () => {
    const core = createStubCore();
    const stop = reconnectOnWake(core);
    fake.powerMonitor.emit('resume');
    fake.powerMonitor.emit('unlock-screen');
    fake.powerMonitor.emit('suspend');
    expect(core.resumed).toBe(2);
    stop();
    fake.powerMonitor.emit('resume');
    expect(core.resumed).toBe(2);
  });

  test('the network coming back (offline, then online) reconnects the sources once', async () => {
    const core = createStubCore();
    const stop = reconnectOnWake(core, 10);
    try {
      fake.net.online = false;
      await new Promise((r) => setTimeout(r, 40));
      expect(core.resumed).toBe(0);
      fake.net.online = true;
      await vi.waitFor(() => expect(core.resumed).toBe(1));
      await new Promise((r) => setTimeout(r, 40));
      expect(core.resumed).toBe(1);
    } finally {
      stop();
      fake.net.online = true;
    }
  });
});
