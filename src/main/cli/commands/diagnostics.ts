// `herald diagnostics`: the same zip the Settings page's "Export diagnostics" gives (logs, settings without
// secrets, state), built offline from a data dir, e.g. for a Herald that no longer starts.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorMessage } from '../../../shared/error-message.ts';
import type { MessageSummary } from '../../../shared/model.ts';
import { buildDiagnosticsZip, DIAGNOSTICS_MESSAGES } from '../../core/diagnostics/diagnostics-zip.ts';
import { INBOX_FILE } from '../../core/herald-core.ts';
import { FileSecretStore } from '../../core/settings/file-secret-store.ts';
import type { Settings } from '../../core/settings/schema.ts';
import { MessageStore } from '../../core/store/message-store.ts';
import { defaultDataDir } from '../data-dir.ts';
import { forEachOption, UsageError } from '../options.ts';
import type { Subcommand } from '../subcommand.ts';
import { heraldVersion } from '../version.ts';
import { readSettings, SECRETS_FILE, SETTINGS_FILE } from './config.ts';

export const diagnosticsCommand: Subcommand = {
  name: 'diagnostics',
  usage: `  herald diagnostics [--data-dir DIR] [--output FILE] [--include-messages]
      Writes a zip for a support request: the logs (logs/herald.log*), the settings without secrets and the
      state (versions, platform, sources, counts) to FILE (default herald-diagnostics-DATE.zip here). Message
      titles and previews (the newest ${DIAGNOSTICS_MESSAGES}) only with --include-messages; bodies never.`,
  async run(argv) {
    let dataDir: string | undefined;
    let output: string | undefined;
    let includeMessages = false;
    forEachOption(argv, (name, value) => {
      if (name === '--data-dir') dataDir = value();
      else if (name === '--output') output = value();
      else if (name === '--include-messages') includeMessages = true;
      else throw new UsageError(`unknown option ${name} for diagnostics`);
    });
    const dir = dataDir ?? defaultDataDir();
    if (!existsSync(dir)) throw new Error(`no data dir at ${dir}`);

    // A broken setup is what diagnostics are for: a settings file that cannot be read is reported, not fatal.
    let settings: Settings | null = null;
    let settingsProblem: string | undefined;
    try {
      settings = readSettings(join(dir, SETTINGS_FILE));
      if (settings === null) settingsProblem = `${SETTINGS_FILE} is missing`;
    } catch (err) {
      settingsProblem = errorMessage(err);
    }
    const inbox = readInbox(join(dir, INBOX_FILE), includeMessages);
    const zip = await buildDiagnosticsZip({
      dataDir: dir,
      settings,
      secrets: new FileSecretStore(join(dir, SECRETS_FILE)),
      state: {
        running: false,
        dataDir: dir,
        ...(settingsProblem ? { settingsProblem } : {}),
        sources: (settings?.sources ?? []).map(({ id, kind, name, enabled }) => ({ id, kind, name, enabled })),
        inbox: inbox.counts,
      },
      messages: inbox.messages,
      version: heraldVersion(),
    });
    const file = resolve(output ?? zip.fileName);
    await writeFile(file, zip.bytes, { mode: 0o600 });
    console.error(`herald: wrote ${file} (${zip.entries.join(', ')})`);
  },
};

/** The inbox's counts and, when asked, its newest summaries; what cannot be read is said in the counts' place. */
function readInbox(
  file: string,
  withMessages: boolean,
): { counts: Record<string, unknown> | string; messages?: MessageSummary[] } {
  if (!existsSync(file)) return { counts: `${INBOX_FILE} is missing` };
  let store: MessageStore;
  try {
    store = MessageStore.open(file, { readOnly: true });
  } catch (err) {
    return { counts: `${INBOX_FILE} cannot be opened: ${errorMessage(err)}` };
  }
  try {
    return {
      counts: { ...store.counts() },
      messages: withMessages ? store.list({ limit: DIAGNOSTICS_MESSAGES }).items : undefined,
    };
  } finally {
    store.close();
  }
}
