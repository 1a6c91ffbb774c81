// What push servers add to a message, as rows of the detail's metadata list. Links are made only from http(s)
// URLs and open outside Herald; the icon is never loaded (it is shown as its address) and an image attachment
// only when the user asks (body/RemoteImage.tsx).
import type { MessageExtras } from '../../shared/model.ts';
import { useLocale, useT } from '../i18n/i18n.ts';
import { absoluteTimeText } from '../i18n/time.ts';
import { RemoteImage } from './body/RemoteImage.tsx';
import { formatBytes } from './format.ts';
import { safeHttpUrl } from './linkify.tsx';

export function ExtrasRows({ extras }: { extras: MessageExtras }) {
  const t = useT();
  const locale = useLocale();
  const { clickUrl, tags, attachment, icon, sentAt, serverId } = extras;
  return (
    <>
      {sentAt !== undefined && (
        <>
          <dt>{t('extras.sent')}</dt>
          <dd>{absoluteTimeText(sentAt, locale)}</dd>
        </>
      )}
      {clickUrl && (
        <>
          <dt>{t('extras.link')}</dt>
          <dd data-testid="click-url">
            <ExternalLink url={clickUrl} />
          </dd>
        </>
      )}
      {tags && tags.length > 0 && (
        <>
          <dt>{t('extras.tags')}</dt>
          <dd>
            <ul className="chips" aria-label={t('extras.tags')}>
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
          <dt>{t('extras.attachment')}</dt>
          <dd data-testid="attachment">
            <ExternalLink url={attachment.url} text={attachment.name || attachment.url} />
            <span className="muted">
              {[attachment.type, attachment.size !== undefined && formatBytes(attachment.size)]
                .filter(Boolean)
                .map((part) => ` · ${part}`)}
              {attachment.expires !== undefined &&
                ` · ${t('extras.availableUntil', { time: absoluteTimeText(epochMs(attachment.expires), locale) })}`}
            </span>
            {isImage(attachment) && (
              <div className="attachment-image">
                <RemoteImage src={attachment.url} alt={attachment.name} />
              </div>
            )}
          </dd>
        </>
      )}
      {icon && (
        <>
          <dt>{t('extras.icon')}</dt>
          <dd>
            <code className="icon-url">{icon}</code> <span className="muted small">{t('extras.notLoaded')}</span>
          </dd>
        </>
      )}
      {serverId && (
        <>
          <dt>{t('extras.serverId')}</dt>
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
  const t = useT();
  const href = safeHttpUrl(url);
  if (!href) {
    return (
      <>
        <span className="plain-url">{text}</span> <span className="muted small">{t('extras.notWebLink')}</span>
      </>
    );
  }
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {text}
    </a>
  );
}

const IMAGE_NAME = /\.(png|jpe?g|gif|webp|avif|bmp)$/i;

/** ntfy says image/… when it knows; otherwise the file name tells. */
function isImage(attachment: NonNullable<MessageExtras['attachment']>): boolean {
  return attachment.type ? attachment.type.startsWith('image/') : IMAGE_NAME.test(attachment.name);
}

/** The contract means milliseconds; a server's Unix seconds (ntfy) would otherwise read as January 1970. */
function epochMs(time: number): number {
  return time < 100_000_000_000 ? time * 1000 : time;
}
