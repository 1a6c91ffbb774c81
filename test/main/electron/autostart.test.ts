// Starting at login on each OS, against the fake electron: Linux writes a real XDG autostart entry into a temp
// config dir (AppImage-aware Exec); macOS and Windows go through the login item settings.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { tempDir } from '../../helpers/core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { createAutostart, desktopEntry } = await import('../../../src/main/electron/autostart.ts');

const cleanups: (() => void)[] = [];
beforeEach(() => fake.resetFake());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function home() {
  const dir = tempDir('herald-autostart-');
  cleanups.push(dir.remove);
  return dir.path;
}

describe('Linux: an XDG autostart entry', () => {
  test('off by default; on writes ~/.config/autostart/herald.desktop, off removes it', () => {
    const homeDir = home();
    const file = join(homeDir, '.config', 'autostart', 'herald.desktop');
    const autostart = createAutostart({ platform: 'linux', env: {}, homeDir, execPath: '/opt/Herald/herald' });
    expect(autostart.get()).toEqual({ enabled: false, supported: true });

    autostart.set(true);
    expect(autostart.get()).toEqual({ enabled: true, supported: true });
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Herald',
      'Comment=MQTT and WebSocket push notifications in the tray',
      'Exec=/opt/Herald/herald --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);

    autostart.set(false);
    expect(existsSync(file)).toBe(false);
    expect(autostart.get().enabled).toBe(false);
    autostart.set(false); // already off: no error
  });

  test('XDG_CONFIG_HOME is honoured, and an AppImage starts from $APPIMAGE, not its temporary mount', () => {
    const configHome = home();
    const autostart = createAutostart({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: configHome, APPIMAGE: '/home/ann/Apps/Herald 1.0.AppImage' },
      homeDir: '/nonexistent',
      execPath: '/tmp/.mount_HeraldXYZ/herald',
    });
    autostart.set(true);
    const text = readFileSync(join(configHome, 'autostart', 'herald.desktop'), 'utf8');
    expect(text).toContain('Exec="/home/ann/Apps/Herald 1.0.AppImage" --hidden\n');
    expect(text).not.toContain('.mount_');
  });

  test('Exec quotes what the shell would otherwise read, with the backslashes of a desktop file doubled', () => {
    // Quoting gives "/opt/a \"b\"/\$x" and the string escape then doubles each backslash.
    expect(desktopEntry('/opt/a "b"/$x')).toContain(String.raw`Exec="/opt/a \\"b\\"/\\$x" --hidden`);
    expect(desktopEntry('/opt/back\\slash here')).toContain(String.raw`Exec="/opt/back\\\\slash here" --hidden`);
  });
});

describe('macOS and Windows: login items', () => {
  test('macOS: openAtLogin follows the switch', () => {
    const autostart = createAutostart({ platform: 'darwin' });
    expect(autostart.get()).toEqual({ enabled: false, supported: true });
    autostart.set(true);
    expect(fake.app.getLoginItemSettings().openAtLogin).toBe(true);
    expect(autostart.get().enabled).toBe(true);
    autostart.set(false);
    expect(fake.app.getLoginItemSettings().openAtLogin).toBe(false);
  });

  test('Windows: the login item carries --hidden, and is queried with the same arguments', () => {
    const autostart = createAutostart({ platform: 'win32' });
    autostart.set(true);
    expect([...fake.app.loginItems]).toEqual([['--hidden', true]]);
    expect(autostart.get()).toEqual({ enabled: true, supported: true });
    autostart.set(false);
    expect(autostart.get().enabled).toBe(false);
  });

  test('another OS reports it unsupported, with the reason', () => {
    const autostart = createAutostart({ platform: 'freebsd' });
    expect(autostart.get()).toMatchObject({ supported: false, reason: expect.stringContaining('freebsd') });
    expect(() => autostart.set(true)).toThrow(/not supported/);
  });
});
