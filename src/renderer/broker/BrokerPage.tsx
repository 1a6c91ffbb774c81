// The Broker page: the embedded broker on or off, why it would not start, where to reach it (URLs to copy),
// live message rates, connected clients, users, the ACL, the bridge to an upstream broker, retained messages and
// refused connections.
import { useState } from 'react';
import type { BrokerStatus } from '../../shared/commands/broker.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { CopyButton } from '../inbox/body/CopyButton.tsx';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { BrokerAcl } from './BrokerAcl.tsx';
import { BrokerBridge } from './BrokerBridge.tsx';
import { BrokerSettings } from './BrokerSettings.tsx';
import { BrokerUsers } from './BrokerUsers.tsx';
import { RateChart } from './RateChart.tsx';
import { RetainedBrowser } from './RetainedBrowser.tsx';
import { useBroker } from './use-broker.ts';
import { reachableFromLan } from './qr-path.ts';
import { UrlQrCode } from './UrlQrCode.tsx';
import type { PolicyView } from '../../shared/policy.ts';
import { PolicyNotice, policyLocks } from '../policy/PolicyNotice.tsx';
import './broker.css';

export function BrokerPage({ active, policy }: { active: boolean; policy?: PolicyView | null }) {
  const locked = policyLocks(policy, 'broker');
  const t = useT();
  const client = useClient();
  const { status, samples, error, refresh } = useBroker(active);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const info = status?.info;

  const setEnabled = async (enabled: boolean) => {
    try {
      await client.invoke('broker.configure', { enabled });
      setSwitchError(null);
    } catch (err) {
      setSwitchError(errorMessage(err));
    }
    refresh();
  };

  return (
    <section className="broker-page" aria-label={t('broker.title')}>
      <header className="broker-head">
        <h2>{t('broker.title')}</h2>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-label={t('broker.enabled')}
            checked={status?.config.enabled ?? false}
            disabled={!status}
            onChange={(e) => void setEnabled(e.target.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
        </label>
        <span className="broker-state">
          {info?.running ? t('broker.running', { host: info.host, port: info.port ?? '' }) : t('broker.stopped')}
        </span>
      </header>
      {error && (
        <p className="banner banner-error" role="alert">
          {t('broker.loadFailed', { error })}
        </p>
      )}
      {switchError && (
        <p className="banner banner-error" role="alert">
          {switchError}
        </p>
      )}
      {info?.refusal && (
        <p className="banner banner-error" role="alert">
          {t('broker.refusal', { reason: info.refusal })}
        </p>
      )}
      {info?.error && !info.refusal && (
        <p className="banner banner-error">{t('broker.error', { error: info.error })}</p>
      )}
      {info?.warnings?.map((warning) => (
        <p key={warning} className="banner">
          {warning}
        </p>
      ))}
      {status && (
        <>
          <Listeners status={status} />
          <RateChart samples={samples} />
          <Clients status={status} />
        </>
      )}
      <PolicyNotice policy={policy} part="broker" />
      <fieldset className="policy-lockable" disabled={locked}>
        {status && <BrokerSettings config={status.config} changed={refresh} />}
        {status && <BrokerBridge bridge={status.bridge} status={status.info.bridge} changed={refresh} />}
        <BrokerUsers active={active} changed={refresh} />
        <BrokerAcl active={active} changed={refresh} />
      </fieldset>
      <RetainedBrowser active={active} running={info?.running ?? false} />
      {status && <Refused status={status} />}
    </section>
  );
}

function Listeners({ status }: { status: BrokerStatus }) {
  const t = useT();
  return (
    <section className="broker-section" aria-label={t('broker.listeners')}>
      <h2>{t('broker.listeners')}</h2>
      {status.listeners.length === 0 && <p className="broker-empty">{t('broker.noListeners')}</p>}
      <ul className="broker-urls">
        {status.listeners.flatMap((listener) =>
          listener.urls.map((url) => (
            <li key={url}>
              <code>{url}</code>
              <CopyButton label={t('broker.copy')} ariaLabel={t('broker.copyUrl', { url })} text={() => url} />
              {reachableFromLan(url) && <UrlQrCode url={url} />}
            </li>
          )),
        )}
      </ul>
      {status.info.tlsFingerprint && (
        <p className="broker-hint">{t('broker.fingerprint', { fingerprint: status.info.tlsFingerprint })}</p>
      )}
    </section>
  );
}

function Clients({ status }: { status: BrokerStatus }) {
  const t = useT();
  return (
    <section className="broker-section" aria-label={t('broker.clients')}>
      <h2>{t('broker.clients')}</h2>
      {status.clients.length === 0 ? (
        <p className="broker-empty">{t('broker.noClients')}</p>
      ) : (
        <table className="broker-table">
          <thead>
            <tr>
              <th>{t('broker.client.id')}</th>
              <th>{t('broker.client.address')}</th>
              <th>{t('broker.client.since')}</th>
              <th>{t('broker.client.subscriptions')}</th>
              <th>{t('broker.client.queued')}</th>
            </tr>
          </thead>
          <tbody>
            {status.clients.map((c) => (
              <tr key={c.id}>
                <td>
                  <code>{c.id}</code>
                </td>
                <td>{c.address}</td>
                <td>{new Date(c.since).toLocaleString()}</td>
                <td>{c.subscriptions.join(', ')}</td>
                <td>{c.queued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Refused({ status }: { status: BrokerStatus }) {
  const t = useT();
  return (
    <section className="broker-section" aria-label={t('broker.refused')}>
      <h2>{t('broker.refused')}</h2>
      {status.refused.length === 0 ? (
        <p className="broker-empty">{t('broker.noRefused')}</p>
      ) : (
        <table className="broker-table">
          <thead>
            <tr>
              <th>{t('broker.refused.at')}</th>
              <th>{t('broker.refused.address')}</th>
              <th>{t('broker.refused.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {[...status.refused].reverse().map((r, i) => (
              <tr key={`${r.at} ${i}`}>
                <td>{new Date(r.at).toLocaleString()}</td>
                <td>{r.address}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
