// "Start at login" in the tray: a checkbox that follows the OS's login item and switches it, shown only where the
// host can start Herald at login.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { AutostartPort } from '../../../src/main/core/core-api.ts';
import { createStubCore } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { createTray } = await import('../../../src/main/electron/tray.ts');
const { createAutostart } = await import('../../../src/main/electron/autostart.ts');

beforeEach(() => fake.resetFake());

function setup(autostart?: AutostartPort) {
  const core = createStubCore();
  const controller = createTray({ core, showWindow: () => {}, getWindow: () => null, quit: () => {}, autostart });
  const tray = fake.Tray.instances.at(-1)!;
  const menu = () => tray.contextMenu as InstanceType<typeof fake.Menu>;
  return { core, menu, controller };
}

describe('tray: Start at login', () => {
  test('a checkbox, unchecked by default, that switches the login item both ways', () => {
    const { menu } = setup(createAutostart({ platform: 'darwin' }));
    const item = menu().item('Start at login');
    expect(item.type).toBe('checkbox');
    expect(item.checked).toBe(false);

    item.click();
    expect(fake.app.getLoginItemSettings().openAtLogin).toBe(true);
    expect(menu().item('Start at login').checked).toBe(true);

    menu().item('Start at login').click();
    expect(fake.app.getLoginItemSettings().openAtLogin).toBe(false);
    expect(menu().item('Start at login').checked).toBe(false);
  });

  test('follows a change made elsewhere (the Settings page) on the next app.state', () => {
    const { core, menu } = setup(createAutostart({ platform: 'darwin' }));
    fake.app.setLoginItemSettings({ openAtLogin: true });
    core.emit('app.state', core.getState());
    expect(menu().item('Start at login').checked).toBe(true);
  });

  test('a refused change shows the real state again', () => {
    const { menu } = setup({
      get: () => ({ enabled: false, supported: true }),
      set: () => {
        throw new Error('EACCES');
      },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    menu().item('Start at login').click();
    expect(menu().item('Start at login').checked).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('EACCES'));
    warn.mockRestore();
  });

  test('absent where it is not supported', () => {
    const { menu } = setup(createAutostart({ platform: 'freebsd' }));
    expect(menu().items.some((item) => item.label === 'Start at login')).toBe(false);
    expect(
      setup()
        .menu()
        .items.some((item) => item.label === 'Start at login'),
    ).toBe(false);
  });
});
