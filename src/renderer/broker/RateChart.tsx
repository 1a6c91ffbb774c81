// Messages per second in and out over the last minute, as two inline SVG sparklines with the latest figures.
import { useT } from '../i18n/i18n.ts';
import { formatRate, ratesOf, sparkline, type Sample } from './rates.ts';

const WIDTH = 240;
const HEIGHT = 48;

export function RateChart({ samples }: { samples: Sample[] }) {
  const t = useT();
  const rates = ratesOf(samples);
  const max = Math.max(1, ...rates.map((r) => Math.max(r.in, r.out)));
  const last = rates.at(-1) ?? { in: 0, out: 0 };
  return (
    <figure className="broker-rates">
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('broker.rates')}
        className="broker-rate-chart"
      >
        <polyline
          className="rate-in"
          points={sparkline(
            rates.map((r) => r.in),
            max,
            WIDTH,
            HEIGHT,
          )}
        />
        <polyline
          className="rate-out"
          points={sparkline(
            rates.map((r) => r.out),
            max,
            WIDTH,
            HEIGHT,
          )}
        />
      </svg>
      <figcaption>
        {t('broker.rates')}: <span className="rate-in">{t('broker.rateIn', { rate: formatRate(last.in) })}</span>{' '}
        <span className="rate-out">{t('broker.rateOut', { rate: formatRate(last.out) })}</span>
      </figcaption>
    </figure>
  );
}
