// The first three steps of reaching any server: the name looked up, a TCP connection, and the TLS handshake
// with what is wrong with the certificate named (unknown CA, expired, for another host name). Each resolves with
// what it found or throws a StepFailure whose message is the plain-words reason.
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';

/** A step that did not pass; its message is what the user reads. */
export class StepFailure extends Error {}

interface CodedError {
  code?: unknown;
  message: string;
}

export async function resolveHost(hostname: string): Promise<string> {
  if (isIP(hostname)) return hostname;
  try {
    return (await lookup(hostname)).address;
  } catch (err) {
    const code = (err as CodedError).code;
    if (code === 'ENOTFOUND') throw new StepFailure(`the name ${hostname} does not exist (check the URL)`);
    if (code === 'EAI_AGAIN')
      throw new StepFailure(`the name ${hostname} could not be looked up now (is the network up? is DNS reachable?)`);
    throw new StepFailure(`looking up ${hostname} failed: ${(err as Error).message}`);
  }
}

export function openTcp(address: string, port: number, timeoutMs: number): Promise<Socket> {
  const where = `${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new StepFailure(`no answer from ${where} within ${timeoutMs} ms (a firewall dropping packets?)`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err: CodedError) => {
      clearTimeout(timer);
      reject(new StepFailure(tcpProblem(err, where)));
    });
  });
}

function tcpProblem(err: CodedError, where: string): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}: nothing listens on that port (is the server running? is the port right?)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return `${where} cannot be reached (${String(err.code)}; is the network up?)`;
    case 'ECONNRESET':
      return `${where} reset the connection at once (a firewall?)`;
    default:
      return `connecting to ${where} failed: ${err.message}`;
  }
}

export interface TlsProbeOptions {
  /** The name the certificate must be for: the URL's host unless a TLS server name is set. */
  servername: string;
  ca?: string;
  cert?: string;
  key?: string;
  /** The source accepts certificates that do not verify; the step passes, saying what is wrong. */
  allowUntrusted?: boolean;
}

/** The TLS handshake over an open socket; resolves with a description of the certificate. */
export function handshake(socket: Socket, options: TlsProbeOptions, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Verification is done here rather than by Node refusing the handshake, so the problem can be named.
    const tls: TLSSocket = tlsConnect({
      socket,
      ...(isIP(options.servername) ? {} : { servername: options.servername }),
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      rejectUnauthorized: false,
      // Checked below with checkServerIdentity itself, so a mismatch is reported, not thrown.
      checkServerIdentity: () => undefined,
    });
    const timer = setTimeout(() => {
      tls.destroy();
      reject(new StepFailure(`the server did not complete the TLS handshake within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      tls.destroy();
      outcome();
    };
    tls.once('secureConnect', () => {
      const peer = tls.getPeerCertificate();
      const authorizationError = tls.authorizationError as Error | string | null | undefined;
      const problem = authorizationError
        ? certificateProblem(String(authorizationError), peer, options.servername)
        : identityProblem(options.servername, peer);
      const summary = `${tls.getProtocol() ?? 'TLS'}, ${describeCertificate(peer)}`;
      if (!problem) return finish(() => resolve(summary));
      if (options.allowUntrusted) return finish(() => resolve(`${summary}; not trusted (${problem}), accepted as set`));
      finish(() => reject(new StepFailure(problem)));
    });
    tls.once('error', (err: CodedError) => finish(() => reject(new StepFailure(handshakeProblem(err)))));
  });
}

function identityProblem(servername: string, peer: PeerCertificate): string | null {
  const err = checkServerIdentity(servername, peer);
  return err ? certificateProblem('ERR_TLS_CERT_ALTNAME_INVALID', peer, servername) : null;
}

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** The certificate problem named the way the issue's wording goes: unknown CA, expired, hostname mismatch. */
export function certificateProblem(code: string, peer: PeerCertificate, servername: string): string {
  if (UNKNOWN_AUTHORITY.has(code)) {
    return `unknown CA: the certificate is signed by ${issuerOf(peer)}, an authority not trusted here (set the CA certificate)`;
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return `unknown CA: the certificate is self-signed by ${issuerOf(peer)} (set it as the CA certificate to trust it)`;
  }
  if (code === 'CERT_HAS_EXPIRED') return `expired: the certificate expired on ${peer.valid_to}`;
  if (code === 'CERT_NOT_YET_VALID') {
    return `not yet valid: the certificate is valid from ${peer.valid_from} (check this computer's clock)`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `hostname mismatch: the certificate is for ${namesOf(peer)}, not ${servername} (check the URL, or set the TLS server name)`;
  }
  return `the certificate was not accepted (${code})`;
}

function handshakeProblem(err: CodedError): string {
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || code === 'ECONNRESET') {
    return 'the server did not answer with TLS (is this the TLS port? use a plain URL such as mqtt:// or http:// for a plain one)';
  }
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') {
    return 'the server requires a client certificate (set the certificate and its private key)';
  }
  const reason = (err as { reason?: string }).reason;
  return `the TLS handshake failed: ${reason ?? err.message}${code ? ` (${code})` : ''}`;
}

function describeCertificate(peer: PeerCertificate): string {
  return `certificate for ${namesOf(peer)} from ${issuerOf(peer)}, valid until ${peer.valid_to}`;
}

function namesOf(peer: PeerCertificate): string {
  const alt = peer.subjectaltname?.split(', ').map((name) => name.replace(/^(DNS|IP Address):/, ''));
  return alt?.length ? alt.join(', ') : (commonName(peer.subject) ?? 'an unnamed subject');
}

function issuerOf(peer: PeerCertificate): string {
  const name = commonName(peer.issuer);
  return name ? `"${name}"` : 'an unnamed issuer';
}

/** A certificate name's CN; Node gives an array when the name has several. */
function commonName(name: { CN?: string | string[] } | undefined): string | undefined {
  const cn = name?.CN;
  return Array.isArray(cn) ? cn.join(', ') : cn;
}
