// What went wrong with an MQTT connection, as a line a person can act on, and whether trying again can help.
// mqtt.js reports socket and TLS errors with Node's codes, broker refusals with CONNACK codes (3.1.1 return
// codes 1-5, MQTT 5 reason codes 0x80 and up), and liveness problems with bare messages.
import { ReasonCodes } from 'mqtt';

type ErrorWithCode = Error & { code?: string | number };

/** CONNACK codes that mean "these credentials will never be accepted": retrying only hammers the broker. */
const REFUSED_FOR_GOOD: Record<4 | 5, readonly number[]> = {
  4: [4, 5], // bad user name or password, not authorised
  5: [0x86, 0x87], // bad user name or password, not authorised
};

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

export interface ConnackOutcome {
  /** true: stop retrying and show the reason as an error; false: retry with backoff. */
  refused: boolean;
  reason: string;
}

/** Describes a CONNACK that did not accept the connection. */
export function describeConnack(code: number, protocolVersion: 4 | 5): ConnackOutcome {
  const refused = REFUSED_FOR_GOOD[protocolVersion].includes(code);
  const hex = `0x${code.toString(16).padStart(2, '0')}`;
  const named = ReasonCodes[code as keyof typeof ReasonCodes] || 'refused';
  if (code === 4 || code === 0x86)
    return { refused, reason: `the broker refused the user name or password (${named}, ${hex})` };
  if (code === 5 || code === 0x87)
    return { refused, reason: `the broker says this client is not authorised (${named}, ${hex})` };
  if (code === 1 || code === 0x84) {
    return {
      refused,
      reason: `the broker does not speak MQTT ${protocolVersion === 5 ? '5' : '3.1.1'} (${named}, ${hex}); choose the other protocol version`,
    };
  }
  if (code === 2 || code === 0x85) return { refused, reason: `the broker rejected the client id (${named}, ${hex})` };
  return { refused, reason: `the broker refused the connection (${named}, ${hex})` };
}

/** Turns socket, TLS and mqtt.js errors into a line a person can act on. */
export function describeMqttError(
  err: ErrorWithCode,
  url: string,
  answerTimeoutMs: number,
  keepaliveSeconds: number,
): string {
  const host = hostOf(url);
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code === 'ECONNREFUSED') return `connection refused by ${host} (is a broker running there?)`;
  if (code === 'ENOTFOUND') return `host ${hostnameOf(url)} not found (check the URL)`;
  if (code === 'EAI_AGAIN') return `the name ${hostnameOf(url)} could not be looked up (is the network up?)`;
  if (code === 'ETIMEDOUT') return `connecting to ${host} timed out`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `the connection to ${host} was reset`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN')
    return `${host} cannot be reached (${code}; is the network up?)`;
  if (code !== undefined && UNKNOWN_AUTHORITY.has(code))
    return 'TLS: certificate signed by an unknown authority (check the CA)';
  if (code === 'CERT_HAS_EXPIRED') return "TLS: the broker's certificate has expired";
  if (code === 'CERT_NOT_YET_VALID')
    return "TLS: the broker's certificate is not valid yet (check the computer's clock)";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `TLS: the broker's certificate is not for ${hostnameOf(url)} (check the URL, or set the TLS server name)`;
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return `TLS: ${host} did not answer with TLS (is this the TLS port? use mqtt:// for a plain one)`;
  }
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') {
    return 'TLS: the broker requires a client certificate (set the certificate and its private key)';
  }
  if (code !== undefined && /^ERR_SSL_.*(ALERT|HANDSHAKE)/.test(code)) {
    // OpenSSL's `reason` is the readable part ("sslv3 alert bad certificate"); the message adds source paths.
    const reason = (err as { reason?: string }).reason ?? code;
    return `TLS: the broker rejected the handshake (${reason}); check the client certificate and key`;
  }
  if (err.message === 'connack timeout') return `the broker did not answer within ${seconds(answerTimeoutMs)}`;
  if (err.message === 'Keepalive timeout') {
    return `the broker stopped answering (no reply to a ping within ${Math.ceil(keepaliveSeconds * 1.5)} s)`;
  }
  if (err.message === 'TLS not authorized') return 'TLS: the broker certificate could not be verified (check the CA)';
  if (/^Unexpected server response: (\d+)/.test(err.message)) {
    return `the WebSocket upgrade at ${url} failed: HTTP ${err.message.replace(/\D+/, '')} (check the path)`;
  }
  return code ? `${err.message} (${code})` : err.message;
}

/** Why a broker (MQTT 5) ended the connection with a DISCONNECT packet. */
export function describeDisconnect(reasonCode: number | undefined, clientId: string | undefined): string {
  if (reasonCode === 0x8e) return `another client connected with the same client id${clientId ? ` (${clientId})` : ''}`;
  if (reasonCode === 0x8b) return 'the broker is shutting down';
  const named = reasonCode === undefined ? '' : ReasonCodes[reasonCode as keyof typeof ReasonCodes];
  return `the broker closed the connection${named ? ` (${named}, 0x${reasonCode!.toString(16)})` : ''}`;
}

/** A refused entry of a SUBACK (0x80 in 3.1.1, a reason code >= 0x80 in MQTT 5) for one topic filter. */
export function describeRefusedSubscriptions(refused: { filter: string; code: number }[]): string {
  const parts = refused.map(({ filter, code }) => {
    const named = code === 0x80 ? '' : ReasonCodes[code as keyof typeof ReasonCodes];
    return named ? `${filter} (${named})` : filter;
  });
  return `the broker refused the subscription to ${parts.join(', ')}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
