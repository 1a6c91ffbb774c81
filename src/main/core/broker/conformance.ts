// Where aedes 1.2 falls short of MQTT 3.1.1, fixed in the layer around it:
// - a zero-length client id with clean session 0 gets CONNACK 0x02 [MQTT-3.1.3-8] (aedes assigns an id; with
//   clean session 1 that assignment is what [MQTT-3.1.3-6]/[MQTT-3.1.3-7] ask, so it stays);
// - an MQTT 5 CONNECT gets an MQTT 5 CONNACK with reason 0x84 "unsupported protocol version", which MQTT 5
//   clients understand and fall back from (aedes answers in 3.1.1 framing, which they cannot parse);
// - a packet larger than the limit drops the connection as soon as its length is read, before it is buffered.
import type { Client, ConnectPacket } from 'aedes';

export const MQTT_5 = 5;
/** MQTT 3.1.1 CONNACK return codes (§3.2.2.3) and the MQTT 5 reason we answer version 5 with. */
export const CONNACK = {
  identifierRejected: 0x02,
  serverUnavailable: 0x03,
  notAuthorized: 0x05,
  unsupportedProtocolVersion: 0x84,
} as const;

export interface ConnectLimits {
  /** Longest keepalive (seconds) a client may ask for; 0 = no limit. Also refuses keepalive 0 when set. */
  maxKeepalive: number;
}

export interface ConnectRefusal {
  /** The CONNACK to send: its protocol version and code. */
  version: number;
  code: number;
  reason: string;
}

/** Why this CONNECT must be refused before aedes sees it, or null when aedes may go on. */
export function connectRefusal(packet: ConnectPacket, limits: ConnectLimits): ConnectRefusal | null {
  const version = packet.protocolVersion ?? 4;
  if (version === MQTT_5) {
    return {
      version,
      code: CONNACK.unsupportedProtocolVersion,
      reason: 'MQTT 5 is not supported; connect with MQTT 3.1.1',
    };
  }
  if (version !== 3 && version !== 4) return null; // aedes answers with 0x01
  if (packet.clientId === '' && (version === 3 || !packet.clean)) {
    return {
      version,
      code: CONNACK.identifierRejected,
      reason:
        version === 3
          ? 'an empty client id is not allowed in MQTT 3.1'
          : 'an empty client id needs clean session 1 [MQTT-3.1.3-8]',
    };
  }
  const keepalive = packet.keepalive ?? 0;
  if (limits.maxKeepalive > 0 && (keepalive === 0 || keepalive > limits.maxKeepalive)) {
    // What Mosquitto does for 3.1.1 clients above its max_keepalive: 3.1.1 has no way to tell them the limit.
    return {
      version,
      code: CONNACK.identifierRejected,
      reason: `keepalive ${keepalive} s is outside 1–${limits.maxKeepalive} s`,
    };
  }
  return null;
}

/** Sends the refusal's CONNACK and closes the connection once it is written. */
export function sendRefusal(client: Client, refusal: ConnectRefusal, whenWritten: () => void): void {
  // CONNACK: type 2, then acknowledge flags (no session present) and the code; MQTT 5 adds an empty property
  // list (§3.2.2.3).
  const bytes =
    refusal.version === MQTT_5 ? Buffer.from([0x20, 3, 0, refusal.code, 0]) : Buffer.from([0x20, 2, 0, refusal.code]);
  client.conn.end(bytes, whenWritten);
}

/** The part of mqtt-packet's parser that reads a packet's length (aedes keeps one parser per client). */
interface LengthParser {
  packet: { length: number };
  _parseLength(): boolean;
  _emitError(err: Error): void;
}

/**
 * Drops the client's connection when a packet announces more than `maxBytes`. It hooks the step where the
 * parser has just read the remaining length, so nothing of the oversized packet is buffered.
 */
export function limitPacketSize(client: Client, maxBytes: number, onTooLarge: (length: number) => void): void {
  const parser = (client as unknown as { _parser?: LengthParser })._parser;
  if (!parser || typeof parser._parseLength !== 'function') {
    throw new Error('aedes changed: the per-client parser is not where Herald expects it');
  }
  const parseLength = parser._parseLength.bind(parser);
  parser._parseLength = () => {
    const done = parseLength();
    if (done && parser.packet.length > maxBytes) {
      onTooLarge(parser.packet.length);
      parser._emitError(new Error(`packet of ${parser.packet.length} bytes is over the limit of ${maxBytes}`));
      return false;
    }
    return done;
  };
}

/** The peer's address as the UI shows it, for TCP, TLS and WebSocket connections alike. */
export function remoteAddressOf(client: Client): string {
  const conn = client.conn as { remoteAddress?: string; remotePort?: number };
  const socket = conn.remoteAddress !== undefined ? conn : client.req?.socket;
  return socket?.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort ?? '?'}` : 'unknown';
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return bare === '::1' || bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The peer's bare IP address (no port), or undefined when it is not known. */
export function remoteIpOf(client: Client): string | undefined {
  const conn = client.conn as { remoteAddress?: string };
  return conn.remoteAddress ?? client.req?.socket.remoteAddress;
}
