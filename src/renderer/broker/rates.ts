// Message rates from the broker's counters: two samples make a rate; a counter that went down (the broker
// restarted) starts over rather than showing a negative rate.
export interface Sample {
  /** ms since the epoch */
  at: number;
  in: number;
  out: number;
}

export interface Rate {
  at: number;
  in: number;
  out: number;
}

export const WINDOW_MS = 60_000;

/** The samples of the last minute, with `next` added. */
export function addSample(samples: Sample[], next: Sample): Sample[] {
  return [...samples.filter((s) => s.at > next.at - WINDOW_MS && s.at < next.at), next];
}

/** Messages per second between each pair of consecutive samples. */
export function ratesOf(samples: Sample[]): Rate[] {
  const rates: Rate[] = [];
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1]!, samples[i]!];
    const seconds = (b.at - a.at) / 1000;
    if (seconds <= 0) continue;
    const restarted = b.in < a.in || b.out < a.out;
    rates.push({
      at: b.at,
      in: restarted ? 0 : (b.in - a.in) / seconds,
      out: restarted ? 0 : (b.out - a.out) / seconds,
    });
  }
  return rates;
}

/** An SVG polyline's points for `values` in a width × height box, 0 at the bottom, `max` at the top. */
export function sparkline(values: number[], max: number, width: number, height: number): string {
  if (values.length === 0) return '';
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - (max > 0 ? (v / max) * height : 0)).toFixed(1)}`)
    .join(' ');
}

/** A rate as people read it: 0, 0.5, 12, 1.2k. */
export function formatRate(rate: number): string {
  if (rate >= 1000) return `${(rate / 1000).toFixed(1)}k`;
  if (rate >= 10 || rate === 0) return String(Math.round(rate));
  return rate.toFixed(1);
}
