// Whether a source's own subscriptions already bring a topic (or every topic of a filter), so discovery does
// not subscribe it a second time (a broker may deliver a message once per matching subscription).

/** `$share/<group>/<filter>` receives the topics of `<filter>`. */
export function sharedFilterTarget(filter: string): string {
  if (!filter.startsWith('$share/')) return filter;
  const rest = filter.slice('$share/'.length);
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : rest.slice(slash + 1);
}

/** True when every topic `inner` (a topic or a filter) matches is also matched by `outer`. */
export function filterCovers(outer: string, inner: string): boolean {
  const o = sharedFilterTarget(outer).split('/');
  const i = inner.split('/');
  for (let k = 0; k < o.length; k++) {
    if (o[k] === '#') return true;
    if (k >= i.length || i[k] === '#') return false;
    if (o[k] !== '+' && (o[k] !== i[k] || i[k] === '+')) return false;
  }
  return o.length === i.length;
}

export function coveredBy(filters: readonly { filter: string }[], topic: string): boolean {
  return filters.some((f) => filterCovers(f.filter, topic));
}

/**
 * coveredBy, remembered per topic for each list of filters (a source's subscriptions): asked for every message
 * a source receives, of a few thousand topics at most, where splitting both strings each time was ~1 µs.
 * Bounded: a source with endless distinct topics starts over instead of growing.
 */
export class CoverCache {
  private readonly byFilters = new WeakMap<readonly { filter: string }[], Map<string, boolean>>();
  private readonly limit: number;

  constructor(limit = 10_000) {
    this.limit = limit;
  }

  covers(filters: readonly { filter: string }[], topic: string): boolean {
    let known = this.byFilters.get(filters);
    if (known === undefined) this.byFilters.set(filters, (known = new Map<string, boolean>()));
    let covered = known.get(topic);
    if (covered === undefined) {
      if (known.size >= this.limit) known.clear();
      covered = coveredBy(filters, topic);
      known.set(topic, covered);
    }
    return covered;
  }
}
