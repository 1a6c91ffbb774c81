// What push servers add to a message, as rows of the detail's metadata list. Links are made only from http(s)
// URLs and open outside Herald; remote images are never loaded (the icon is shown as its address).
import type { MessageExtras } from '../../shared/model.ts';
import { absoluteTime, formatBytes } from './format.ts';
import { safeHttpUrl } from './linkify.tsx';

export function ExtrasRows({ extras }: { extras: MessageExtras }) {
  const { clickUrl, tags, attachment, icon, sentAt, serverId } = extras;
  return (
    <>
      {sentAt !== undefined && (
        <>
          <dt>Sent</dt>
          <dd>{absoluteTime(sentAt)}</dd>
        </>
      )}
      {clickUrl && (
        <>
          <dt>Link</dt>
          <dd data-testid="click-url">
            <ExternalLink url={clickUrl} />
          </dd>
        </>
      )}
      {tags && tags.length > 0 && (
        <>
          <dt>Tags</dt>
          <dd>
            <ul className="chips" aria-label="Tags">
              {tags.map((tag, i) => (
                <li key={i} className="chip">
                  {tag}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {attachment && (
        <>
          <dt>Attachment</dt>
          <dd data-testid="attachment">
            <ExternalLink url={attachment.url} text={attachment.name || attachment.url} />
            <span className="muted">
              {[attachment.type, attachment.size !== undefined && formatBytes(attachment.size)]
                .filter(Boolean)
                .map((part) => ` · ${part}`)}
              {attachment.expires !== undefined && ` · available until ${absoluteTime(epochMs(attachment.expires))}`}
            </span>
          </dd>
        </>
      )}
      {icon && (
        <>
          <dt>Icon</dt>
          <dd>
            <code className="icon-url">{icon}</code> <span className="muted small">(not loaded)</span>
          </dd>
        </>
      )}
      {serverId && (
        <>
          <dt>Server ID</dt>
          <dd>
            <code>{serverId}</code>
          </dd>
        </>
      )}
    </>
  );
}

/** An http(s) URL as a link that opens outside Herald; anything else as plain text, saying why. */
function ExternalLink({ url, text = url }: { url: string; text?: string }) {
  const href = safeHttpUrl(url);
  if (!href) {
    return (
      <>
        <span className="plain-url">{text}</span> <span className="muted small">(not a web link; not opened)</span>
      </>
    );
  }
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {text}
    </a>
  );
}

/** The contract means milliseconds; a server's Unix seconds (ntfy) would otherwise read as January 1970. */
function epochMs(time: number): number {
  return time < 100_000_000_000 ? time * 1000 : time;
}

export function isMarkdown(extras: MessageExtras | undefined): boolean {
  return extras?.contentType?.split(';')[0]?.trim().toLowerCase() === 'text/markdown';
}
