// Starting Herald at login, off by default: login items on macOS and Windows (app.setLoginItemSettings), an XDG
// autostart entry on Linux (~/.config/autostart/herald.desktop), which Electron has no API for. Herald started
// this way opens in the tray (--hidden), not with its window.
import { app } from 'electron';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AutostartPort } from '../core/core-api.ts';

export const AUTOSTART_ARGS = ['--hidden'];
const DESKTOP_FILE = 'herald.desktop';

export interface AutostartOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  execPath?: string;
  homeDir?: string;
}

export function createAutostart(options: AutostartOptions = {}): AutostartPort {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (platform === 'linux') {
    const file = linuxAutostartFile(env, options.homeDir ?? homedir());
    // An AppImage runs from a temporary /tmp/.mount_* path; APPIMAGE is the file the user keeps.
    const executable = env.APPIMAGE || (options.execPath ?? process.execPath);
    return {
      get: () => ({ enabled: existsSync(file), supported: true }),
      set(enabled) {
        if (!enabled) return rmSync(file, { force: true });
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, desktopEntry(executable));
      },
    };
  }
  if (platform === 'darwin' || platform === 'win32') {
    // Windows matches a login item by its path and arguments, so the query gives the same arguments.
    const args = platform === 'win32' ? { args: AUTOSTART_ARGS } : {};
    return {
      get: () => ({ enabled: app.getLoginItemSettings(args).openAtLogin, supported: true }),
      set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, ...args }),
    };
  }
  return {
    get: () => ({ enabled: false, supported: false, reason: `starting at login is not supported on ${platform}` }),
    set() {
      throw new Error(`starting at login is not supported on ${platform}`);
    },
  };
}

/** $XDG_CONFIG_HOME/autostart/herald.desktop, ~/.config when XDG_CONFIG_HOME is unset (XDG Base Directory). */
export function linuxAutostartFile(env: NodeJS.ProcessEnv, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(homeDir, '.config');
  return join(configHome, 'autostart', DESKTOP_FILE);
}

/** The autostart entry (Desktop Entry Specification); Exec's path quoted so spaces and quotes survive. */
export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Herald',
    'Comment=MQTT and WebSocket push notifications in the tray',
    `Exec=${quoteExecArg(executable)} ${AUTOSTART_ARGS.join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Exec quoting: inside double quotes, ", `, $ and \ get a backslash; then every backslash is doubled, because a
 * desktop file's string escapes are undone before the quoting is read.
 */
function quoteExecArg(arg: string): string {
  if (/^[\w./+-]+$/.test(arg)) return arg;
  const quoted = arg.replace(/["`$\\]/g, (c) => `\\${c}`);
  return `"${quoted.replaceAll('\\', '\\\\')}"`;
}
