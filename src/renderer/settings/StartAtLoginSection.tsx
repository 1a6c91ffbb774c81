// The "Start at login" switch. The desktop app can start Herald at login; a browser tab on `herald serve`
// cannot, and says why instead of offering a switch that does nothing.
import { useEffect, useState } from 'react';
import type { AutostartState } from '../../shared/commands/settings.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';

export function StartAtLoginSection({ active }: { active: boolean }) {
  const t = useT();
  const client = useClient();
  const [state, setState] = useState<AutostartState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!active) return;
    client.invoke('app.autostart.get', {}).then(setState, (err: unknown) => setProblem(errorMessage(err)));
  }, [active, client]);

  async function change(enabled: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      setState(await client.invoke('app.autostart.set', { enabled }));
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const unsupported = state !== null && !state.supported;
  return (
    <section className="settings-section" aria-labelledby="settings-autostart">
      <h2 id="settings-autostart">{t('settings.startAtLogin')}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          role="switch"
          checked={state?.enabled ?? false}
          disabled={state === null || unsupported || busy}
          aria-describedby="settings-autostart-help"
          onChange={(event) => void change(event.target.checked)}
        />
        {t('settings.startAtLogin')}
      </label>
      <p id="settings-autostart-help" className="muted small">
        {unsupported ? t('settings.unsupported', { reason: state.reason ?? '' }) : t('settings.startAtLoginHelp')}
      </p>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
