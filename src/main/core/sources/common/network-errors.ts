// Turns socket, TLS and fetch errors into one line a person can act on ("connection refused by host:443",
// "TLS: push.example presented a self-signed certificate"), for the status of WebSocket and SSE sources.
import { errorMessage } from '../../../../shared/error-message.ts';

const DEFAULT_PORTS: Record<string, string> = { 'ws:': '80', 'http:': '80', 'wss:': '443', 'https:': '443' };

/** The URL without query string or credentials: tokens often travel in the query and must not reach the UI. */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return raw;
  }
}

/** host:port with the scheme's default port filled in, as people read it in firewall rules. */
export function hostAndPort(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol] || '?'}`;
  } catch {
    return raw;
  }
}

interface CodedError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** fetch wraps the socket error in `cause`; Happy Eyeballs wraps one per address in an AggregateError. */
function innermost(err: unknown): CodedError {
  let found: CodedError = err ?? {};
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const coded = current as CodedError;
    if (typeof coded.code === 'string') found = coded;
    current = coded.cause ?? (Array.isArray(coded.errors) ? coded.errors[0] : undefined);
  }
  return found;
}

function codeOf(err: unknown): string | undefined {
  const inner = innermost(err);
  return typeof inner.code === 'string' ? inner.code : undefined;
}

function messageOf(err: unknown): string {
  const inner = innermost(err);
  if (typeof inner.message === 'string' && inner.message) return inner.message;
  return errorMessage(err);
}

export function describeConnectionError(err: unknown, url: string): string {
  const where = hostAndPort(url);
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    host = url;
  }
  const code = codeOf(err);
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where} (is the server running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${host} not found`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting to ${where} timed out`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return `connection to ${where} was reset`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return `${where} is unreachable (no network route)`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `TLS: ${host} presented a self-signed certificate, which is not trusted`;
    case 'CERT_HAS_EXPIRED':
      return `TLS: the certificate of ${host} has expired`;
    case 'CERT_NOT_YET_VALID':
      return `TLS: the certificate of ${host} is not valid yet (check the clock)`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS: the certificate of ${host} is for another host name`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `TLS: the certificate of ${host} is signed by an authority this computer does not trust`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return `TLS handshake with ${where} failed: the server does not speak TLS there (try ws:// or http://)`;
    default:
      // Any other code (or none): the error's own message, cleaned up below, says it best.
      break;
  }
  const message = messageOf(err);
  if (code && (code.startsWith('ERR_SSL') || code.includes('CERT'))) return `TLS: ${message} (${code})`;
  return code ? `${message} (${code})` : message;
}
