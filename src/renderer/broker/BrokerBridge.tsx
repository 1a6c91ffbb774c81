// The bridge to an upstream broker: how it is doing (connected, or why not, and what it forwarded) and its
// settings. Saving restarts the broker with them; settings the bridge could not run with come back with the
// reason. The password is write-only: the page knows only whether one is stored.
import { useState, type FormEvent } from 'react';
import type { BridgeStatus } from '../../shared/bridge.ts';
import type { BridgeUpdate, BridgeView } from '../../shared/commands/broker.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { useDraft } from './use-draft.ts';
import { ConnectionTest } from '../sources/ConnectionTest.tsx';
import { causeText } from '../status/cause-text.ts';
import { BridgeTopics, type TopicDraft } from './BridgeTopics.tsx';

interface Draft {
  enabled: boolean;
  url: string;
  username: string;
  password: string;
  forgetPassword: boolean;
  clientId: string;
  protocolVersion: 4 | 5;
  ca: string;
  servername: string;
  allowUntrusted: boolean;
  topics: TopicDraft[];
}

const draftOf = (bridge: BridgeView): Draft => ({
  enabled: bridge.enabled,
  url: bridge.url,
  username: bridge.username ?? '',
  password: '',
  forgetPassword: false,
  clientId: bridge.clientId ?? '',
  protocolVersion: bridge.protocolVersion,
  ca: bridge.tls?.ca ?? '',
  servername: bridge.tls?.servername ?? '',
  allowUntrusted: bridge.tls?.allowUntrusted ?? false,
  topics: bridge.topics.map((topic, i) => ({ ...topic, key: i + 1 })),
});

export function BrokerBridge({
  bridge,
  status,
  changed,
}: {
  bridge: BridgeView;
  status: BridgeStatus | undefined;
  changed: () => void;
}) {
  const t = useT();
  const client = useClient();
  const { draft, edit, saved } = useDraft(bridge, draftOf);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const secure = isSecure(draft.url);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.invoke('broker.bridge.set', requestOf(draft));
      saved();
      setMessage({ error: false, text: t('bridge.saved') });
      changed();
    } catch (err) {
      setMessage({ error: true, text: errorMessage(err) });
    }
  };

  return (
    <form className="broker-section broker-bridge" aria-label={t('bridge.title')} onSubmit={(e) => void save(e)}>
      <h2>{t('bridge.title')}</h2>
      <p className="broker-hint">{t('bridge.hint')}</p>
      <BridgeState status={status} />
      <label className="broker-check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
        {t('bridge.enabled')}
      </label>
      <label>
        {t('bridge.url')}
        <input
          className="bridge-url"
          value={draft.url}
          placeholder="mqtts://broker.example.com:8883"
          onChange={(e) => edit({ url: e.target.value })}
        />
      </label>
      {secure && (
        <>
          <label>
            {t('bridge.ca')}
            <input value={draft.ca} onChange={(e) => edit({ ca: e.target.value })} />
          </label>
          <label>
            {t('bridge.servername')}
            <input value={draft.servername} onChange={(e) => edit({ servername: e.target.value })} />
          </label>
          <label className="broker-check">
            <input
              type="checkbox"
              checked={draft.allowUntrusted}
              onChange={(e) => edit({ allowUntrusted: e.target.checked })}
            />
            {t('bridge.allowUntrusted')}
          </label>
        </>
      )}
      <label>
        {t('bridge.username')}
        <input value={draft.username} autoComplete="off" onChange={(e) => edit({ username: e.target.value })} />
      </label>
      <label>
        {t('bridge.password')}
        <input
          type="password"
          value={draft.password}
          autoComplete="new-password"
          placeholder={bridge.hasPassword ? t('bridge.passwordStored') : ''}
          disabled={draft.forgetPassword}
          onChange={(e) => edit({ password: e.target.value })}
        />
      </label>
      {bridge.hasPassword && (
        <label className="broker-check">
          <input
            type="checkbox"
            checked={draft.forgetPassword}
            onChange={(e) => edit({ forgetPassword: e.target.checked })}
          />
          {t('bridge.forgetPassword')}
        </label>
      )}
      <label>
        {t('bridge.clientId')}
        <input value={draft.clientId} onChange={(e) => edit({ clientId: e.target.value })} />
      </label>
      <label>
        {t('bridge.protocol')}
        <select
          value={draft.protocolVersion}
          onChange={(e) => edit({ protocolVersion: Number(e.target.value) as 4 | 5 })}
        >
          <option value={4}>MQTT 3.1.1</option>
          <option value={5}>MQTT 5</option>
        </select>
      </label>
      <BridgeTopics topics={draft.topics} onChange={(topics) => edit({ topics })} />
      <ConnectionTest name={t('bridge.title')} run={() => client.invoke('broker.bridge.test', requestOf(draft))} />
      {message && (
        <p className={message.error ? 'banner banner-error' : 'broker-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <button type="submit">{t('bridge.save')}</button>
    </form>
  );
}

const isSecure = (url: string) => /^(mqtts|wss):/i.test(url.trim());

/** The form as the bridge commands take it; an empty password field keeps the stored one. */
function requestOf(draft: Draft): BridgeUpdate {
  const password = draft.forgetPassword ? null : draft.password === '' ? undefined : draft.password;
  return {
    enabled: draft.enabled,
    url: draft.url.trim(),
    ...(draft.username.trim() ? { username: draft.username.trim() } : {}),
    ...(draft.clientId.trim() ? { clientId: draft.clientId.trim() } : {}),
    protocolVersion: draft.protocolVersion,
    ...(isSecure(draft.url) ? { tls: tlsOf(draft) } : {}),
    topics: draft.topics.map(({ key: _key, ...topic }) => ({ ...topic, filter: topic.filter.trim() })),
    ...(password !== undefined ? { password } : {}),
  };
}

function tlsOf(draft: Draft) {
  return {
    allowUntrusted: draft.allowUntrusted,
    ...(draft.ca.trim() ? { ca: draft.ca.trim() } : {}),
    ...(draft.servername.trim() ? { servername: draft.servername.trim() } : {}),
  };
}

function BridgeState({ status }: { status: BridgeStatus | undefined }) {
  const t = useT();
  if (!status) return <p className="broker-empty">{t('bridge.off')}</p>;
  const line =
    status.state === 'connected'
      ? t('bridge.connected', { url: status.url, since: new Date(status.since ?? Date.now()).toLocaleString() })
      : status.state === 'connecting'
        ? t('bridge.connecting', { url: status.url })
        : t('bridge.offline', { url: status.url, error: causeText(status.error ?? '', t) });
  return (
    <div className={`bridge-state bridge-${status.state}`} role="status" aria-label={t('bridge.title')}>
      <p>{line}</p>
      <p className="broker-hint">
        {t('bridge.counts', { in: status.in, out: status.out, queued: status.queued, dropped: status.dropped })}
      </p>
    </div>
  );
}
