// Everything that is not a source: notifications, appearance, where the data is, starting at login, moving the
// setup between machines, and the version. What main knows is fetched when the page is shown, so a change made
// from the tray (start at login) shows up here too.
import { useEffect, useState } from 'react';
import type { CommandResponse } from '../../shared/contract.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useT } from '../i18n/i18n.ts';
import { ThemeSwitch } from '../theme/ThemeSwitch.tsx';
import { useClient } from '../transport/connection-context.ts';
import { DiagnosticsSection } from './DiagnosticsSection.tsx';
import { ImportExportSection } from './ImportExportSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { StartAtLoginSection } from './StartAtLoginSection.tsx';
import { UpdatesSection } from './UpdatesSection.tsx';
import type { PolicyView } from '../../shared/policy.ts';
import { PolicyNotice, policyLocks } from '../policy/PolicyNotice.tsx';
import './settings.css';

interface SettingsPageProps {
  active: boolean;
  unread: number;
  total: number;
  /** The administrator's policy, if any; what it locks is shown read-only. */
  policy?: PolicyView | null;
}

type Info = CommandResponse<'app.info'>;

export function SettingsPage({ active, unread, total, policy }: SettingsPageProps) {
  const t = useT();
  const client = useClient();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    client.invoke('app.info', {}).then(setInfo, (err: unknown) => setError(errorMessage(err)));
  }, [active, client]);

  return (
    <section className="settings-page" aria-label={t('settings.title')}>
      {error && (
        <p className="banner banner-error" role="alert">
          {t('settings.loadFailed', { error })}
        </p>
      )}
      <PolicyNotice policy={policy} part="notifications" />
      <fieldset className="policy-lockable" disabled={policyLocks(policy, 'notifications')}>
        <NotificationsSection active={active} />
      </fieldset>
      <section className="settings-section" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">{t('settings.appearance')}</h2>
        <div className="settings-row">
          <span>{t('theme.label')}</span>
          <ThemeSwitch />
        </div>
        <div className="settings-row">
          <span>{t('language.label')}</span>
          <LanguageSwitch />
        </div>
      </section>
      <section className="settings-section" aria-labelledby="settings-data">
        <h2 id="settings-data">{t('settings.data')}</h2>
        <label className="settings-field">
          <span>{t('settings.dataDir')}</span>
          <input readOnly value={info?.dataDir ?? ''} />
        </label>
        <p className="muted small" data-testid="settings-counts">
          {t('settings.counts', { total: total.toLocaleString(), unread: unread.toLocaleString() })}
        </p>
      </section>
      <StartAtLoginSection active={active} />
      <ImportExportSection />
      <DiagnosticsSection />
      <UpdatesSection active={active} policy={policy} />
      <section className="settings-section" aria-labelledby="settings-about">
        <h2 id="settings-about">{t('settings.about')}</h2>
        <p data-testid="settings-version">{info ? t('settings.version', { version: info.version }) : ''}</p>
      </section>
    </section>
  );
}
