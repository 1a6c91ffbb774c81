// From a source's settings to mqtt.js client options: protocol version, session, client id, credentials, TLS.
// mqtt.js never reconnects on its own (reconnectPeriod 0): the connection loop owns the timing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { StoredSourceOf } from '../../settings/schema.ts';
import type { SourceSecrets } from '../common/source.ts';

export type MqttConfig = StoredSourceOf<'mqtt'>;

/** A settings problem no retry can fix (unreadable CA file...): the source shows it and waits for an edit. */
export class MqttSettingsError extends Error {}

/**
 * The client id: the configured one, else for a persistent session a stable one derived from the source and
 * this installation (a random id would orphan the session on the broker at every start, and its queued
 * messages with it). Clean sessions may use mqtt.js's random id. At most 23 characters, which every broker
 * must accept (MQTT 3.1.1 §3.1.3.1).
 */
export function clientIdFor(config: MqttConfig, dataDir: string): string | undefined {
  if (config.clientId) return config.clientId;
  if (config.clean) return undefined;
  const install = createHash('sha256').update(dataDir).digest('hex').slice(0, 6);
  const readable = `herald-${config.id.replace(/[^A-Za-z0-9-]/g, '')}-${install}`;
  if (readable.length <= 23) return readable;
  return `herald-${createHash('sha256').update(`${config.id}\u0000${dataDir}`).digest('hex').slice(0, 16)}`;
}

export function isSecureUrl(url: string): boolean {
  return /^(mqtts|wss):/i.test(url);
}

export function mqttClientOptions(
  config: MqttConfig,
  secrets: SourceSecrets,
  clientId: string | undefined,
  answerTimeoutMs: number,
): IClientOptions {
  const options: IClientOptions = {
    protocolVersion: config.protocolVersion,
    clean: config.clean,
    clientId,
    keepalive: config.keepalive,
    connectTimeout: answerTimeoutMs,
    reconnectPeriod: 0,
    // Our own subscribe step follows every CONNACK; mqtt.js must not resend its own copy on top.
    resubscribe: false,
    // Herald publishes only over a live connection (core/publish queues the rest); mqtt.js must queue nothing.
    queueQoSZero: false,
    manualConnect: true,
    username: config.username || undefined,
    password: secrets.password || undefined,
  };
  // mqtt.js logs through `debug` several times per packet; even switched off each call costs a lookup (~2 % of
  // the main loop during a catch-up). `DEBUG=mqttjs*` still turns its logging on for troubleshooting.
  if (!process.env.DEBUG) options.log = noLog;
  // No receiveMaximum: Mosquitto 2.0.11 sends past it at QoS 2, and mqtt.js then drops the connection (it
  // enforces the limit), over and over. Herald bounds its open QoS 2 messages itself (ack-after-commit.ts).
  if (config.protocolVersion === 5 && !config.clean) {
    // "Keep the session" with an expiry of 0 would end it at every disconnect: 0 means the default, one day.
    options.properties = {
      sessionExpiryInterval: config.sessionExpiry > 0 ? config.sessionExpiry : DEFAULT_SESSION_EXPIRY_S,
    };
  }
  if (isSecureUrl(config.url)) Object.assign(options, tlsOptions(config, secrets));
  return options;
}

const noLog = (): void => {};

/** How long the broker keeps an MQTT 5 session (and its queued messages) when none is configured. */
export const DEFAULT_SESSION_EXPIRY_S = 86_400;

function tlsOptions(config: MqttConfig, secrets: SourceSecrets): Partial<IClientOptions> {
  const tls = config.tls;
  const options: Partial<IClientOptions> & { servername?: string; wsOptions?: Record<string, unknown> } = {
    rejectUnauthorized: !(tls?.allowUntrusted ?? false),
  };
  if (tls?.ca) options.ca = pem(tls.ca, 'CA certificate');
  if (tls?.cert) options.cert = pem(tls.cert, 'client certificate');
  if (secrets.tlsKey) options.key = pem(secrets.tlsKey, 'client key');
  if (options.cert && !options.key) throw new MqttSettingsError('TLS: a client certificate is set but no private key');
  if (tls?.servername) {
    options.servername = tls.servername;
    // mqtt.js copies ca/cert/key to the WebSocket client but not the server name.
    options.wsOptions = { servername: tls.servername };
  }
  return options;
}

/** PEM text as given, or the contents of the file it names. */
export function pem(value: string, what: string): string {
  if (value.includes('-----BEGIN')) return value;
  const path = value.trim();
  try {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('-----BEGIN')) throw new MqttSettingsError(`TLS: the ${what} file ${path} is not PEM text`);
    return text;
  } catch (err) {
    if (err instanceof MqttSettingsError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new MqttSettingsError(
      `TLS: the ${what} is neither PEM text nor a readable file (${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)})`,
    );
  }
}
