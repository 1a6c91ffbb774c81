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
