// A moment shown as "5 minutes ago", with the exact date and time in its tooltip (and for screen readers as the
// <time> element's machine-readable value).
import { useLocale } from '../../i18n/i18n.ts';
import { absoluteTimeText, relativeTimeText } from '../../i18n/time.ts';
import { useNow } from '../use-now.ts';

export function TimeText({ at }: { at: number }) {
  const locale = useLocale();
  const now = useNow();
  const absolute = absoluteTimeText(at, locale);
  return (
    <time dateTime={new Date(at).toISOString()} title={absolute}>
      {relativeTimeText(at, now, locale)}
      <span className="visually-hidden"> ({absolute})</span>
    </time>
  );
}
