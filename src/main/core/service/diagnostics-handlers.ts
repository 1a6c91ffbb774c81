// The diagnostics export of the running app: the logs (flushed first, so the latest lines are in), the settings
// and the live state, zipped by the same code `herald diagnostics` uses offline.
import type { Handlers } from '../../../shared/contract.ts';
import type { AppState } from '../../../shared/model.ts';
import { buildDiagnosticsZip, DIAGNOSTICS_MESSAGES } from '../diagnostics/diagnostics-zip.ts';
import type { Settings } from '../settings/schema.ts';
import type { SecretStore } from '../settings/types.ts';
import type { MessageStore } from '../store/message-store.ts';

export interface DiagnosticsHandlerDeps {
  dataDir: string;
  version?: string;
  settings: () => Settings;
  secrets: SecretStore;
  store: MessageStore;
  getState: () => AppState;
  /** Resolves when the log lines written so far are in the log file. */
  flushLog?: () => Promise<void>;
}

export function createDiagnosticsHandlers(deps: DiagnosticsHandlerDeps): Pick<Handlers, 'app.exportDiagnostics'> {
  return {
    'app.exportDiagnostics': async (request) => {
      await deps.flushLog?.();
      const zip = await buildDiagnosticsZip({
        dataDir: deps.dataDir,
        settings: deps.settings(),
        secrets: deps.secrets,
        state: { running: true, app: deps.getState() },
        messages: request.includeMessages ? deps.store.list({ limit: DIAGNOSTICS_MESSAGES }).items : undefined,
        version: deps.version,
      });
      return { fileName: zip.fileName, base64: Buffer.from(zip.bytes).toString('base64') };
    },
  };
}
