// The detail pane for one message. Body and properties are shown as text only (see linkify for the one
// exception: http(s) URLs become links); a Markdown body is shown as its source, never rendered.
import type { MessageDetail as Detail } from '../../shared/model.ts';
import { absoluteTime, displayTitle, groupDigits, formatBytes, priorityLabel } from './format.ts';
import { Highlight, useHighlightedNodes } from './Highlight.tsx';
import { linkify } from './linkify.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageDecision } from './MessageDecision.tsx';
import { ExtrasRows, isMarkdown } from './MessageExtras.tsx';
import { PropertiesTable } from './PropertiesTable.tsx';
import type { MessageLoad } from './use-message.ts';

const KIND_LABEL: Record<Detail['bodyKind'], string> = { text: 'Text', json: 'JSON', binary: 'Binary (hex)' };

interface MessageDetailPaneProps {
  load: MessageLoad;
  /** Shown instead of the usual hint when the message on show was removed at its source. */
  removedNotice?: boolean;
}

export function MessageDetailPane({ load, removedNotice = false }: MessageDetailPaneProps) {
  switch (load.status) {
    case 'idle':
      return (
        <section className="detail empty" aria-label="Message">
          {removedNotice ? (
            <p role="status">The message you were reading was removed at its source or replaced by a newer version.</p>
          ) : (
            'Select a message to read it.'
          )}
        </section>
      );
    case 'loading':
      return (
        <section className="detail empty" aria-label="Message" aria-busy="true">
          Loading…
        </section>
      );
    case 'missing':
      return (
        <section className="detail empty" aria-label="Message">
          This message is no longer in the inbox.
        </section>
      );
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

export function LoadedMessage({ detail }: { detail: Detail }) {
  const priority = priorityLabel(detail.priority);
  const { extras } = detail;
  const markdown = isMarkdown(extras);
  return (
    <section className="detail" aria-label="Message" data-testid="message-detail">
      <h2 className="detail-title">
        <Highlight text={displayTitle(detail)} />
      </h2>
      {/* Keyed by message: a "Muted …" confirmation belongs to the message it was given for. */}
      <MessageDecision key={detail.id} detail={detail} />
      <dl className="detail-meta">
        <dt>Topic</dt>
        <dd>
          <Highlight text={detail.topic} />
        </dd>
        <dt>Source</dt>
        <dd>
          <Highlight text={detail.sourceName} />
        </dd>
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
        {extras && <ExtrasRows extras={extras} />}
      </dl>
      {detail.truncated && (
        <p className="truncated-marker" role="note">
          truncated — showing the first {groupDigits(detail.keptBytes)} of {groupDigits(detail.size)} bytes
        </p>
      )}
      {markdown && (
        <p className="body-note muted small" role="note">
          Markdown (shown as text)
        </p>
      )}
      <pre className={`body body-${detail.bodyKind}`} data-testid="message-body">
        {detail.bodyKind === 'binary' ? detail.body : <HighlightedBody text={detail.body} />}
      </pre>
      {extras?.actions && extras.actions.length > 0 && (
        // Keyed by message: a result from one message's action must not linger on the next.
        <MessageActions key={detail.id} messageId={detail.id} actions={extras.actions} />
      )}
      {detail.properties && <PropertiesTable properties={detail.properties} />}
    </section>
  );
}

function HighlightedBody({ text }: { text: string }) {
  return <>{useHighlightedNodes(linkify(text))}</>;
}
