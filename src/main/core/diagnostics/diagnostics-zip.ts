// A diagnostics export: one zip with the data dir's logs, the settings and the app's state, for a support
// request. Built the same way by the running app (app.exportDiagnostics) and offline (`herald diagnostics`).
// Nothing secret goes in: secrets live in the secret store, never in settings, and on the way out every text is
// also cleared of URL credentials, secret-named fields, header values and each value the secret store holds.
// Message titles and previews go in only when asked for; message bodies never.
import { readFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { strToU8, zip, type Zippable } from 'fflate';
import type { MessageSummary } from '../../../shared/model.ts';
import { collectSecrets } from '../config-transfer/config-document.ts';
import { LOG_DIR, logFileNames } from '../logging/log-file.ts';
import { redactDeep, redactText, redactValues } from '../logging/redact.ts';
import type { Settings } from '../settings/schema.ts';
import type { SecretStore } from '../settings/types.ts';

/** How many of the newest messages (title and preview) an export with messages carries. */
export const DIAGNOSTICS_MESSAGES = 100;

export interface DiagnosticsInput {
  dataDir: string;
  /** null when there are none to read (offline, no settings file, or one that cannot be read). */
  settings: Settings | null;
  secrets: SecretStore;
  /** What the app knows about itself (sources and their status, counts, broker...); no message content. */
  state: Record<string, unknown>;
  /** The newest messages' summaries, only when the user asked for them. */
  messages?: readonly MessageSummary[];
  version?: string;
  now?: Date;
}

export interface DiagnosticsZip {
  fileName: string;
  bytes: Uint8Array;
  /** The entries' names, for the command line to report. */
  entries: string[];
}

/** What Herald runs on, for state.json. */
export function runtimeInfo(version?: string): Record<string, string | null> {
  return {
    herald: version ?? 'unknown',
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    platform: process.platform,
    arch: arch(),
    osRelease: release(),
  };
}

/** `herald-diagnostics-20260102-030405.zip` (UTC). */
export function diagnosticsFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `herald-diagnostics-${stamp}.zip`;
}

/**
 * Builds the zip. The logs can be 20 MB: each file is read and redacted in a task of its own, and the deflate
 * runs in fflate's worker threads, so the app's loop is never held for the whole export.
 */
export async function buildDiagnosticsZip(input: DiagnosticsInput): Promise<DiagnosticsZip> {
  const now = input.now ?? new Date();
  const known = input.settings ? Object.values(collectSecrets(input.settings, input.secrets)) : [];
  const text = (value: string) => strToU8(redactValues(redactText(value), known));
  const json = (value: unknown) => text(`${JSON.stringify(redactDeep(value), null, 2)}\n`);

  const files: Zippable = {};
  if (input.settings) files['settings.json'] = json(input.settings);
  files['state.json'] = json({ exportedAt: now.toISOString(), runtime: runtimeInfo(input.version), ...input.state });
  for (const name of logFileNames()) {
    await nextTurn();
    const log = readIfPresent(join(input.dataDir, LOG_DIR, name));
    if (log !== null) files[`logs/${name}`] = text(log);
  }
  if (input.messages) {
    files['messages.jsonl'] = text(input.messages.map((message) => `${JSON.stringify(message)}\n`).join(''));
  }
  return {
    fileName: diagnosticsFileName(now),
    bytes: await new Promise<Uint8Array>((resolve, reject) =>
      zip(files, { level: 6, mtime: now }, (err, data) => (err ? reject(err) : resolve(data))),
    ),
    entries: Object.keys(files),
  };
}

/** A log file's text; null when it is not there (not written yet, or rotated away while reading). */
function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
