// How `herald publish` (and other commands) find a Herald running on a data dir: `herald serve` writes the
// bridge's address and token to a file only its user can read, and removes it when it stops. A file left by a
// Herald that died is recognised by its process id and ignored.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const DISCOVERY_FILE = 'bridge.json';

const Discovery = z.object({
  pid: z.number().int(),
  /** The web server's origin, e.g. http://127.0.0.1:7341. */
  url: z.string(),
  token: z.string().min(1),
});
export type Discovery = z.infer<typeof Discovery>;

export function writeDiscovery(dataDir: string, origin: string, token: string): () => void {
  const file = join(dataDir, DISCOVERY_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const content: Discovery = { pid: process.pid, url: origin, token };
  writeFileSync(temp, JSON.stringify(content), { mode: 0o600 });
  renameSync(temp, file);
  return () => {
    // Only our own file: another Herald may have started on this data dir since.
    if (readDiscoveryFile(file)?.pid !== process.pid) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
}

/** The running Herald's bridge on this data dir, or null when none runs (no file, or its process is gone). */
export function findRunningHerald(dataDir: string): Discovery | null {
  const found = readDiscoveryFile(join(dataDir, DISCOVERY_FILE));
  return found && processAlive(found.pid) ? found : null;
}

function readDiscoveryFile(file: string): Discovery | null {
  try {
    const parsed = Discovery.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
