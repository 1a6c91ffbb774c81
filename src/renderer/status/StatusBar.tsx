// Bottom bar: the embedded broker, each source's connection state, and any start-up warnings.
import type { AppState, BrokerInfo } from '../../shared/model.ts';
import { SourceStatusLine, StateDot } from './SourceStatusLine.tsx';

export function StatusBar({ state }: { state: AppState | null }) {
  if (!state) return <footer className="status-bar" aria-label="Connection status" />;
  return (
    <footer className="status-bar" aria-label="Connection status">
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
  if (!broker.enabled) return <span className="muted">Embedded broker off</span>;
  if (broker.error) {
    return (
      <span>
        <StateDot state="error" /> Embedded broker failed: {broker.error}
      </span>
    );
  }
  if (!broker.running) {
    return (
      <span>
        <StateDot state="connecting" /> Embedded broker starting…
      </span>
    );
  }
  return (
    <span>
      <StateDot state="connected" /> Embedded broker on {broker.host}:{broker.port}
      {broker.lan && ' (LAN)'}
    </span>
  );
}
