// Writing a file that something else reads (the broker reads its users and ACL at each start): written aside
// and renamed over it, so a reader never sees half a file, readable by its owner only.
import { renameSync, writeFileSync } from 'node:fs';

export function writeFileAtomically(path: string, text: string, mode = 0o600): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, path);
}
