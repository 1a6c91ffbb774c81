// The `herald` command as tests run it: real processes of bin/herald.js on the project's Node, each stopped
// (and each temporary data dir removed) after the test that started it.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const HERALD_BIN = fileURLToPath(new URL('../../bin/herald.js', import.meta.url));

/** Runs `herald ARGS` to completion (20 s at most). */
export function herald(args: string[]) {
  return spawnSync(process.execPath, [HERALD_BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
}

/** Lists a test file fills with what it started; after each test the children get SIGTERM and the dirs go. */
export function useCliProcesses(): { running: ChildProcess[]; dirs: { remove(): void }[] } {
  const running: ChildProcess[] = [];
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    for (const child of running.splice(0)) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
    for (const dir of dirs.splice(0)) dir.remove();
  });
  return { running, dirs };
}
