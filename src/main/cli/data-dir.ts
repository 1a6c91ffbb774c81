import { homedir } from 'node:os';
import { join } from 'node:path';

/** The same folder Electron uses as userData for productName "Herald", so app and CLI share one inbox. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (env.HERALD_DATA_DIR) return env.HERALD_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Herald');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Herald');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Herald');
}
