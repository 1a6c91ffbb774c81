// A listener's URL as a QR code, shown on request: dark modules on white whatever the theme (scanners need the
// contrast), with a quiet zone of four modules as the QR standard asks.
import { useMemo, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { qrPath } from './qr-path.ts';

const QUIET = 4;

export function UrlQrCode({ url }: { url: string }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const qr = useMemo(() => (shown ? qrPath(url) : null), [shown, url]);
  return (
    <>
      <button
        type="button"
        aria-expanded={shown}
        aria-label={t('broker.qrNamed', { url })}
        onClick={() => setShown(!shown)}
      >
        {shown ? t('broker.qrHide') : t('broker.qr')}
      </button>
      {qr && (
        <svg
          className="broker-qr"
          role="img"
          aria-label={t('broker.qrImage', { url })}
          viewBox={`${-QUIET} ${-QUIET} ${qr.size + 2 * QUIET} ${qr.size + 2 * QUIET}`}
          shapeRendering="crispEdges"
        >
          <rect x={-QUIET} y={-QUIET} width={qr.size + 2 * QUIET} height={qr.size + 2 * QUIET} fill="#fff" />
          <path d={qr.path} fill="#000" />
        </svg>
      )}
    </>
  );
}
