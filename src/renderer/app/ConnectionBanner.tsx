// Browser mode: tells the user when the link to Herald is down, so a stale list is never mistaken for a
// quiet one. IPC never drops, so this stays empty in the app.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { canRetry } from '../transport/select.ts';
import { useConnection, useLinkStatus } from '../transport/connection-context.ts';

/** The first connect usually takes a few ms; only say "connecting" when it does not. */
const CONNECTING_GRACE_MS = 800;

export function ConnectionBanner() {
  const { link } = useConnection();
  const status = useLinkStatus();
  const t = useT();
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setGraceOver(true), CONNECTING_GRACE_MS);
    return () => clearTimeout(timer);
  }, []);

  if (status.state === 'open') return null;
  if (status.state === 'connecting') {
    return graceOver ? (
      <div className="banner" role="status">
        {t('link.connecting')}
      </div>
    ) : null;
  }
  return (
    <div className="banner banner-error" role="alert" data-testid="disconnected-banner">
      <strong>{t('link.disconnected')}</strong> {status.problem ?? t('link.reconnecting')}
      {canRetry(link) && (
        <button type="button" onClick={() => link.retryNow()}>
          {t('link.retryNow')}
        </button>
      )}
    </div>
  );
}
