// Bottom bar: the embedded broker, each source's connection state, and any start-up warnings.
import type { AppState, BrokerInfo } from '../../shared/model.ts';
import { useT } from '../i18n/i18n.ts';
import { SourceStatusLine, StateDot } from './SourceStatusLine.tsx';

export function StatusBar({ state }: { state: AppState | null }) {
  const t = useT();
  if (!state) return <footer className="status-bar" aria-label={t('status.label')} />;
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      {state.warnings.length > 0 && (
        <ul className="warnings" role="alert">
          {state.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      )}
      <ul className="status-items">
        <li className="status-item">
          <BrokerStatus broker={state.broker} />
        </li>
        {state.sources.map((source) => (
          <li key={source.id} className="status-item" data-testid="source-status">
            <SourceStatusLine source={source} />
          </li>
        ))}
      </ul>
    </footer>
  );
}

function BrokerStatus({ broker }: { broker: BrokerInfo }) {
  const t = useT();
  if (!broker.enabled) return <span className="muted">{t('status.brokerOff')}</span>;
  if (broker.error) {
    return (
      <span>
        <StateDot state="error" /> {t('status.brokerFailed', { error: broker.error })}
      </span>
    );
  }
  if (!broker.running) {
    return (
      <span>
        <StateDot state="connecting" /> {t('status.brokerStarting')}
      </span>
    );
  }
  return (
    <span>
      <StateDot state="connected" /> {t('status.brokerOn', { address: `${broker.host}:${broker.port}` })}
      {broker.lan && t('status.lan')}
    </span>
  );
}
