// `npm start`: builds Herald, then opens it as a tray app with Electron, or, where the Electron runtime
// cannot be had (no network to download it, no display), starts browser mode and prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why Electron can't run here, or null when it can. Tries the package's own download once. */
function electronUnavailable(): string | null {
  if (process.env.HERALD_BROWSER_MODE) return 'HERALD_BROWSER_MODE is set';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY is not set)';
  }
  if (electronBinary()) return null;
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (electronBinary()) return null;
  const reason = `${download.stderr ?? ''}`
    .split('\n')
    .find((line) => /error|fail/i.test(line))
    ?.trim();
  return `the Electron runtime could not be downloaded${reason ? ` (${reason.slice(0, 120)})` : ''}`;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'error'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) {
  console.error('herald: the build failed (see above)');
  process.exit(1);
}

const unavailable = electronUnavailable();
if (unavailable === null) {
  process.exit(await run(electronBinary()!, [root]));
}
console.log(`Electron cannot run here: ${unavailable}. Starting Herald in browser mode instead; open the URL below.`);
process.exit(await run(process.execPath, [join(root, 'bin', 'herald.js'), 'serve', ...process.argv.slice(2)]));
