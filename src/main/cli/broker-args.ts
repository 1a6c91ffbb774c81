// `herald serve`'s flags for the embedded broker (besides --broker-port): where it listens, who may log in, TLS.
// They override the saved broker settings for this run only. Also what serve prints about the broker.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { BrokerInfo } from '../../shared/model.ts';
import type { Settings } from '../core/settings/schema.ts';
import { portNumber, UsageError } from './options.ts';

export type BrokerOverrides = Partial<Settings['broker']>;

export const BROKER_FLAGS_HELP = `      --broker-host ADDR        address the broker listens on (default 127.0.0.1); 0.0.0.0 or a LAN address
                                opens it to the network and then needs --broker-password-file (or the
                                configured broker user): without it Herald refuses to start (exit code 2)
      --broker-ws-port N        also serve MQTT over WebSocket on port N (path /mqtt)
      --broker-password-file F  users, in Mosquitto's password file format (made with mosquitto_passwd)
      --broker-acl-file F       who may read and write which topics, in Mosquitto's acl_file syntax
      --broker-tls-cert F       PEM certificate (with --broker-tls-key): the TCP and WebSocket listeners
      --broker-tls-key F        speak TLS (mqtts://, wss://)`;

const FILE_FLAGS = {
  '--broker-password-file': 'passwordFile',
  '--broker-acl-file': 'aclFile',
  '--broker-tls-cert': 'tlsCert',
  '--broker-tls-key': 'tlsKey',
} as const;

/** Reads one broker flag into `overrides`; false when `name` is not a broker flag. */
export function parseBrokerOption(overrides: BrokerOverrides, name: string, value: () => string): boolean {
  if (name === '--broker-host') {
    const host = value();
    if (isIP(host) === 0) throw new UsageError(`--broker-host must be an IP address (such as 0.0.0.0), not "${host}"`);
    overrides.host = host;
    return true;
  }
  if (name === '--broker-ws-port') {
    overrides.wsPort = portNumber(value(), name, false);
    return true;
  }
  if (name in FILE_FLAGS) {
    const path = value();
    if (path === '') throw new UsageError(`${name} needs a file`);
    // Relative to where the command was run, as a user expects; the broker may start elsewhere.
    overrides[FILE_FLAGS[name as keyof typeof FILE_FLAGS]] = resolve(path);
    return true;
  }
  return false;
}

/** What serve tells an admin about the embedded broker on standard error, one line each. */
export function brokerLines(broker: BrokerInfo): string[] {
  if (!broker.running) return [`herald: no embedded broker${broker.error ? `: ${broker.error}` : ''}`];
  const listeners = [`${broker.tls ? 'mqtts' : 'mqtt'}://${broker.host}:${broker.port}`];
  if (broker.wsPort)
    listeners.push(`${broker.tls ? 'wss' : 'ws'}://${broker.host}:${broker.wsPort}${broker.wsPath ?? ''}`);
  return [
    `herald: embedded MQTT broker on ${listeners.join(' and ')}${broker.error ? ` (${broker.error})` : ''}`,
    ...(broker.tlsFingerprint ? [`herald: broker certificate SHA-256 fingerprint ${broker.tlsFingerprint}`] : []),
    ...(broker.warnings ?? []).map((warning) => `herald: broker: ${warning}`),
  ];
}
