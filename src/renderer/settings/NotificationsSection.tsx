// Notification settings: the burst window, and a test notification sent the way a message's is, with what is
// known about whether it can appear (the OS in the app; the page's permission in a browser).
import { useEffect, useState } from 'react';
import type { CommandResponse } from '../../shared/contract.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT, type MessageKey } from '../i18n/i18n.ts';
import { EnableNotificationsButton } from '../notifications/EnableNotificationsButton.tsx';
import { webNotificationsSupported } from '../notifications/use-web-notifications.ts';
import { useClient } from '../transport/connection-context.ts';

const MAX_SECONDS = 60;

/** Seconds as typed to milliseconds, or null when it is not a number of seconds from 0 to 60. */
export function burstWindowMs(text: string): number | null {
  const seconds = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_SECONDS) return null;
  return Math.round(seconds * 1000);
}

/** What the test notification's outcome means for the user. */
function testResultKey(result: CommandResponse<'app.testNotification'>): MessageKey {
  if (result.shownBy === 'native')
    return result.supported === false ? 'settings.testNativeUnsupported' : 'settings.testNative';
  if (!webNotificationsSupported()) return 'settings.testUnsupported';
  if (Notification.permission === 'granted') return 'settings.testGranted';
  return Notification.permission === 'denied' ? 'settings.testDenied' : 'settings.testDefault';
}

export function NotificationsSection({ active }: { active: boolean }) {
  const t = useT();
  const client = useClient();
  const [saved, setSaved] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<MessageKey | null>(null);

  useEffect(() => {
    if (!active) return;
    client.invoke('settings.get', {}).then(
      ({ notifications }) => {
        setSaved(notifications.burstWindowMs);
        setDraft(String(notifications.burstWindowMs / 1000));
      },
      (err: unknown) => setProblem(errorMessage(err)),
    );
  }, [active, client]);

  const wanted = burstWindowMs(draft);

  async function save() {
    if (wanted === null) return setProblem(t('settings.burstWindowInvalid'));
    setProblem(null);
    try {
      const { notifications } = await client.invoke('settings.update', {
        notifications: { burstWindowMs: wanted },
      });
      setSaved(notifications.burstWindowMs);
      setStatus(t('settings.saved'));
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  async function sendTest() {
    setTestResult(null);
    setProblem(null);
    try {
      setTestResult(testResultKey(await client.invoke('app.testNotification', {})));
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  return (
    <section className="settings-section" aria-labelledby="settings-notifications">
      <h2 id="settings-notifications">{t('settings.notifications')}</h2>
      <form
        className="settings-row"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="settings-field">
          <span>{t('settings.burstWindow')}</span>
          <input
            type="number"
            min={0}
            max={MAX_SECONDS}
            step="any"
            value={draft}
            aria-invalid={wanted === null}
            aria-describedby="settings-burst-help"
            onChange={(event) => {
              setDraft(event.target.value);
              setStatus(null);
            }}
          />
        </label>
        <button type="submit" disabled={saved === null || wanted === saved}>
          {t('settings.save')}
        </button>
        {status && (
          <span role="status" className="muted small">
            {status}
          </span>
        )}
      </form>
      <p id="settings-burst-help" className="muted small">
        {t('settings.burstWindowHelp')}
      </p>
      <div className="settings-row">
        <button type="button" onClick={() => void sendTest()}>
          {t('settings.sendTest')}
        </button>
        {testResult === 'settings.testDefault' && <EnableNotificationsButton />}
      </div>
      {testResult && (
        <p className="small" data-testid="settings-test-result">
          {t(testResult)}
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
