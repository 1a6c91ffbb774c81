// An image in a message body. Loading it would tell its server that (and when) the message was read, so it
// stays a button until the user asks, unless they allowed its host before. Only http(s) images ever load.
import { useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { safeHttpUrl } from '../linkify.tsx';
import { allowedImageHosts, allowImageHost } from './image-hosts.ts';

export function RemoteImage({ src, alt }: { src: string; alt: string }) {
  const t = useT();
  const href = safeHttpUrl(src);
  const host = href ? new URL(href).host : '';
  const [shown, setShown] = useState(() => href !== null && allowedImageHosts().has(host));

  if (!href) return <span className="md-image-text">[{alt || t('body.image')}]</span>;
  if (shown) return <img className="md-image" src={href} alt={alt} referrerPolicy="no-referrer" />;
  return (
    <span className="remote-image" data-testid="remote-image">
      <button type="button" title={alt || href} onClick={() => setShown(true)}>
        {t('body.loadImage', { host })}
      </button>
      <button
        type="button"
        className="link-button small"
        onClick={() => {
          allowImageHost(host);
          setShown(true);
        }}
      >
        {t('body.alwaysLoadImages', { host })}
      </button>
    </span>
  );
}
