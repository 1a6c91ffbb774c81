// What the generic WebSocket and SSE sources share about the endpoint they dial.

/** The user's extra headers, plus `Authorization: Bearer <token>` when a token is stored (it wins over a typed one). */
export function requestHeaders(headers: Record<string, string>, token: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (token && name.toLowerCase() === 'authorization') continue;
    out[name] = value;
  }
  if (token) out.Authorization = `Bearer ${token}`;
  return out;
}

/** The inbox topic of a message from an endpoint: host and path, never the query (it may hold a token). */
export function endpointTopic(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return raw;
  }
}

/**
 * Header values are byte strings; a value with a line break or a character above U+00FF would make the
 * request throw, so it is refused up front with the header's name (its value may be a secret).
 */
export function headerProblem(headers: Record<string, string>): string | null {
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n\0]/.test(value)) return `the header ${name} contains a line break`;
    // eslint-disable-next-line no-control-regex -- the range starts at NUL: everything outside Latin-1 is refused
    if (/[^\u0000-\u00ff]/.test(value)) return `the header ${name} contains characters that cannot be sent in a header`;
  }
  return null;
}

/** "20 s", or "300 ms" for the short deadlines tests use. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
