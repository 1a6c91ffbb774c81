// Moving the whole setup between machines: export downloads the JSON document (secrets only with a
// passphrase, encrypted); import reads a file, shows what it would add, change and remove, and applies it only
// when the user says so.
import { useState } from 'react';
import type { ImportPreview } from '../../shared/commands/admin.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT, type Translate } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { download } from './download.ts';

function previewLines(preview: ImportPreview, t: Translate): string[] {
  const lines: string[] = [];
  for (const [what, changes] of [
    [t('settings.source'), preview.sources],
    [t('settings.rule'), preview.rules],
  ] as const) {
    lines.push(...changes.added.map((name) => t('settings.added', { what, name })));
    lines.push(...changes.changed.map((name) => t('settings.changed', { what, name })));
    lines.push(...changes.removed.map((name) => t('settings.removed', { what, name })));
  }
  lines.push(...preview.settings.map((section) => t('settings.settingsChanged', { section })));
  if (preview.brokerFiles.includes('acl')) lines.push(t('settings.brokerAcl'));
  if (preview.brokerFiles.includes('users')) lines.push(t('settings.brokerUsers'));
  return lines;
}

export function ImportExportSection() {
  const t = useT();
  const client = useClient();
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [exported, setExported] = useState<string | null>(null);
  const [setupText, setSetupText] = useState<string | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [applied, setApplied] = useState<{ restartNeeded: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const passphrase = (text: string) => (text === '' ? {} : { passphrase: text });

  async function exportSetup() {
    setProblem(null);
    setExported(null);
    try {
      const reply = await client.invoke('config.export', passphrase(exportPassphrase));
      const fileName = `herald-setup-${new Date().toISOString().slice(0, 10)}.json`;
      download(reply.document, fileName, 'application/json');
      setExported(fileName);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  async function showPreview(text: string | null = setupText) {
    setPreview(null);
    setApplied(null);
    setProblem(null);
    if (text === null) return;
    try {
      setPreview(await client.invoke('config.previewImport', { document: text, ...passphrase(importPassphrase) }));
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  async function apply() {
    if (setupText === null) return;
    setProblem(null);
    try {
      const reply = await client.invoke('config.import', { document: setupText, ...passphrase(importPassphrase) });
      setApplied({ restartNeeded: reply.restartNeeded });
      setPreview(null);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  const lines = preview ? previewLines(preview, t) : [];
  return (
    <section className="settings-section" aria-labelledby="settings-transfer">
      <h2 id="settings-transfer">{t('settings.transfer')}</h2>
      <p className="muted small">{t('settings.exportHelp')}</p>
      <div className="settings-row">
        <label className="settings-field">
          <span>{t('settings.exportPassphrase')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={exportPassphrase}
            onChange={(event) => setExportPassphrase(event.target.value)}
          />
        </label>
        <button type="button" onClick={() => void exportSetup()}>
          {t('settings.export')}
        </button>
        {exported && (
          <span role="status" className="muted small">
            {t('settings.exported', { file: exported })}
          </span>
        )}
      </div>
      <div className="settings-row">
        <label className="settings-field">
          <span>{t('settings.importFile')}</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              void file.text().then((text) => {
                setSetupText(text);
                return showPreview(text);
              });
            }}
          />
        </label>
        <label className="settings-field">
          <span>{t('settings.importPassphrase')}</span>
          <input
            type="password"
            autoComplete="off"
            value={importPassphrase}
            onChange={(event) => setImportPassphrase(event.target.value)}
          />
        </label>
        <button type="button" disabled={setupText === null} onClick={() => void showPreview()}>
          {t('settings.preview')}
        </button>
      </div>
      {preview && (
        <div className="settings-preview">
          <ul aria-label={t('settings.previewLabel')}>
            {lines.length === 0 && <li>{t('settings.noChanges')}</li>}
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="muted small">
            {preview.secrets > 0 ? t('settings.secrets', { count: preview.secrets }) : t('settings.noSecrets')}
          </p>
          {preview.locked !== undefined && preview.locked.length > 0 && (
            <p className="policy-notice" role="note">
              {t('policy.importKeeps', { items: preview.locked.join(', ') })}
            </p>
          )}
          <button type="button" className="primary" onClick={() => void apply()}>
            {t('settings.apply')}
          </button>
        </div>
      )}
      {applied && (
        <p role="status">
          {t('settings.applied')} {applied.restartNeeded && t('settings.restartNeeded')}
        </p>
      )}
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
