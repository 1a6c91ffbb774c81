// The detail pane for one message. Body and properties are shown as text only (see linkify for the one
// exception: http(s) URLs become links).
import type { MessageDetail as Detail } from '../../shared/model.ts';
import { absoluteTime, displayTitle, groupDigits, formatBytes, priorityLabel } from './format.ts';
import { linkify } from './linkify.tsx';
import type { MessageLoad } from './use-message.ts';

const KIND_LABEL: Record<Detail['bodyKind'], string> = { text: 'Text', json: 'JSON', binary: 'Binary (hex)' };

export function MessageDetailPane({ load }: { load: MessageLoad }) {
  switch (load.status) {
    case 'idle':
      return <section className="detail empty" aria-label="Message">Select a message to read it.</section>;
    case 'loading':
      return <section className="detail empty" aria-label="Message" aria-busy="true">Loading…</section>;
    case 'missing':
      return <section className="detail empty" aria-label="Message">This message is no longer in the inbox.</section>;
    case 'failed':
      return (
        <section className="detail empty" aria-label="Message">
          <p role="alert">Could not load the message: {load.error}</p>
        </section>
      );
    case 'loaded':
      return <LoadedMessage detail={load.detail} />;
  }
}

function LoadedMessage({ detail }: { detail: Detail }) {
  const priority = priorityLabel(detail.priority);
  const properties = Object.entries(detail.properties ?? {});
  return (
    <section className="detail" aria-label="Message" data-testid="message-detail">
      <h2 className="detail-title">{displayTitle(detail)}</h2>
      <dl className="detail-meta">
        <dt>Topic</dt>
        <dd>{detail.topic}</dd>
        <dt>Source</dt>
        <dd>{detail.sourceName}</dd>
        <dt>Received</dt>
        <dd>{absoluteTime(detail.receivedAt)}</dd>
        <dt>Priority</dt>
        <dd>
          {detail.priority}
          {priority ? (
            <span className={`badge priority-${priority.level}`}>{priority.text}</span>
          ) : (
            <span className="muted"> (normal)</span>
          )}
        </dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(detail.size)} · {KIND_LABEL[detail.bodyKind]}
        </dd>
      </dl>
      {detail.truncated && (
        <p className="truncated-marker" role="note">
          truncated — showing the first {groupDigits(detail.keptBytes)} of {groupDigits(detail.size)} bytes
        </p>
      )}
      <pre className={`body body-${detail.bodyKind}`} data-testid="message-body">
        {detail.bodyKind === 'binary' ? detail.body : linkify(detail.body)}
      </pre>
      {properties.length > 0 && (
        <table className="properties">
          <caption>Properties</caption>
          <tbody>
            {properties.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{typeof value === 'string' ? value : JSON.stringify(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
