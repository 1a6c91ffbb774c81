// "Export diagnostics": main zips the logs, the settings without secrets and the state; the page saves the zip.
// Message titles and previews go in only when the box is ticked.
import { useState } from 'react';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { download } from './download.ts';

/** The zip arrives as base64 (the contract carries JSON). */
function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function DiagnosticsSection() {
  const t = useT();
  const client = useClient();
  const [includeMessages, setIncludeMessages] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function exportDiagnostics() {
    setBusy(true);
    setSaved(null);
    setProblem(null);
    try {
      const reply = await client.invoke('app.exportDiagnostics', { includeMessages });
      download(bytesOf(reply.base64), reply.fileName, 'application/zip');
      setSaved(reply.fileName);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="settings-diagnostics">
      <h2 id="settings-diagnostics">{t('settings.diagnostics')}</h2>
      <p className="muted small">{t('settings.diagnosticsHelp')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={includeMessages}
          aria-describedby="settings-diagnostics-messages"
          onChange={(event) => setIncludeMessages(event.target.checked)}
        />
        {t('settings.diagnosticsMessages')}
      </label>
      <p id="settings-diagnostics-messages" className="muted small">
        {t('settings.diagnosticsMessagesHelp')}
      </p>
      <div className="settings-row">
        <button type="button" disabled={busy} onClick={() => void exportDiagnostics()}>
          {t('settings.exportDiagnostics')}
        </button>
        {saved && (
          <span role="status" className="muted small">
            {t('settings.diagnosticsExported', { file: saved })}
          </span>
        )}
      </div>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
