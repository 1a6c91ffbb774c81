// Where the broker listens and who may connect anonymously. Applying saves the settings and restarts the
// broker; a configuration the broker would refuse (the network without users) comes back with its reason.
import { useState, type FormEvent } from 'react';
import type { BrokerConfig } from '../../shared/commands/broker.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { useDraft } from './use-draft.ts';

interface Draft {
  host: string;
  port: string;
  anonymous: boolean;
  wsPort: string;
  wsPath: string;
}

const draftOf = (config: BrokerConfig): Draft => ({
  host: config.host,
  port: String(config.port),
  anonymous: config.anonymous,
  wsPort: config.wsPort === null ? '' : String(config.wsPort),
  wsPath: config.wsPath,
});

export function BrokerSettings({ config, changed }: { config: BrokerConfig; changed: () => void }) {
  const t = useT();
  const client = useClient();
  const { draft, edit, saved } = useDraft(config, draftOf);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.invoke('broker.configure', {
        host: draft.host.trim(),
        port: Number(draft.port),
        anonymous: draft.anonymous,
        wsPort: draft.wsPort.trim() === '' ? null : Number(draft.wsPort),
        wsPath: draft.wsPath,
      });
      saved();
      setMessage({ error: false, text: t('broker.applied') });
      changed();
    } catch (err) {
      setMessage({ error: true, text: errorMessage(err) });
    }
  };

  return (
    <form className="broker-section broker-settings" aria-label={t('broker.settings')} onSubmit={(e) => void apply(e)}>
      <h2>{t('broker.settings')}</h2>
      <label>
        {t('broker.host')}
        <input
          value={draft.host}
          onChange={(e) => edit({ host: e.target.value })}
          aria-describedby="broker-host-hint"
        />
      </label>
      <p id="broker-host-hint" className="broker-hint">
        {t('broker.hostHint')}
      </p>
      <label>
        {t('broker.port')}
        <input type="number" min={1} max={65535} value={draft.port} onChange={(e) => edit({ port: e.target.value })} />
      </label>
      <label className="broker-check">
        <input type="checkbox" checked={draft.anonymous} onChange={(e) => edit({ anonymous: e.target.checked })} />
        {t('broker.anonymous')}
      </label>
      <label>
        {t('broker.wsPort')}
        <input
          type="number"
          min={1}
          max={65535}
          value={draft.wsPort}
          onChange={(e) => edit({ wsPort: e.target.value })}
        />
      </label>
      <label>
        {t('broker.wsPath')}
        <input value={draft.wsPath} onChange={(e) => edit({ wsPath: e.target.value })} />
      </label>
      {message && (
        <p className={message.error ? 'banner banner-error' : 'broker-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <button type="submit">{t('broker.apply')}</button>
    </form>
  );
}
