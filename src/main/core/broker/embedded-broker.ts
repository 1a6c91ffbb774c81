// The MQTT broker Herald can host itself (aedes), wrapped so it is safe and correct for a home or small office:
// loopback unless opened to the LAN, and then only with authentication; users and ACLs from Mosquitto's files;
// a connection cap, a packet size limit and MQTT 3.1.1 conformance fixes (conformance.ts).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import { errorMessage } from '../../../shared/error-message.ts';
import { bridgeProblem, type BridgeSettings, type BridgeStatus } from '../../../shared/bridge.ts';
import {
  bridgeTlsOptions,
  startUpstreamBridge,
  withoutCredentials,
  type UpstreamBridge,
} from './bridge/upstream-bridge.ts';
import { readAclFile } from './acl-file.ts';
import { keepBrokerState } from './broker-state-file.ts';
import { BrokerAuth, type Credentials } from './broker-auth.ts';
import { BrokerInspector, type BrokerInspection } from './broker-inspector.ts';
import { connectRefusal, isLoopbackAddress, limitPacketSize, remoteAddressOf, sendRefusal } from './conformance.ts';
import { ConnectionCap, listenTcp, listenWebSocket, type Listener, type TlsFiles } from './listeners.ts';
import { readPasswordFile } from './password-file.ts';
import { RefusedLog, type RefusedConnection } from './refused-log.ts';

export interface EmbeddedBrokerOptions {
  /** Preferred TCP port; when it is taken another free port is used (and reported). */
  port: number;
  /** Address to listen on (default loopback); anything else opens the broker to the network. */
  host?: string;
  /** Older settings' way to say "all interfaces" (host 0.0.0.0). */
  lan?: boolean;
  /** The user configured in the settings. */
  username?: string;
  password?: string;
  /** A Mosquitto password file (mosquitto_passwd) and ACL file (acl_file syntax). */
  passwordFile?: string;
  aclFile?: string;
  /** Let anonymous clients in from this computer (never from the network). Default true. */
  anonymous?: boolean;
  /** MQTT over WebSocket on this port and path (default /mqtt). */
  wsPort?: number;
  wsPath?: string;
  /** PEM files: with both, the TCP and WebSocket listeners speak TLS. */
  tlsCert?: string;
  tlsKey?: string;
  maxConnections?: number;
  maxPacketBytes?: number;
  maxTopicLevels?: number;
  /** Longest keepalive a client may ask for (seconds); 0 = any (then keepalive 0 is allowed too). */
  maxKeepalive?: number;
  /** Where retained messages and persistent sessions are kept across restarts; none when absent. */
  stateFile?: string;
  /** Also told of each refused connection (the broker worker passes them on to the core). */
  onRefused?: (connection: RefusedConnection) => void;
  /** Forwarding to and from an upstream broker (bridge/), with its password. */
  bridge?: BridgeSettings & { password?: string; maxWaiting?: number };
  /** Told when the bridge's state changes, and of its counters at most once a second. */
  onBridgeChange?: (status: BridgeStatus) => void;
}

export interface RunningBroker {
  host: string;
  port: number;
  wsPort: number | null;
  wsPath: string | null;
  tls: boolean;
  /** SHA-256 fingerprint of the TLS certificate (AA:BB:...), for users to check what their clients see. */
  tlsFingerprint: string | null;
  /** True when authentication is on for users other than loopback anonymous clients. */
  auth: boolean;
  /** True when the preferred port was taken and another one was chosen. */
  movedFromPort: number | null;
  /** Plain MQTT on loopback, where Herald's own connection dials (the TCP port, unless that one is TLS or elsewhere). */
  internalPort: number;
  /** Credentials for Herald's own connection (the internal user). */
  internal: Credentials;
  /** Problems in the password or ACL file (lines skipped), for the UI. */
  warnings: string[];
  /** The last refused connections, oldest first. */
  refused(): RefusedConnection[];
  /** How the bridge to the upstream broker is doing; null when it is off. */
  bridge(): BridgeStatus | null;
  /** Connected clients, message counters and retained messages, for the Broker page. */
  inspector: BrokerInspection;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';
export const DEFAULT_WS_PATH = '/mqtt';
interface BrokerLimits {
  maxConnections: number;
  maxPacketBytes: number;
  maxTopicLevels: number;
  maxKeepalive: number;
}
export const BROKER_LIMITS: Readonly<BrokerLimits> = {
  maxConnections: 1000,
  maxPacketBytes: 32 * 1024 * 1024,
  maxTopicLevels: 32,
  maxKeepalive: 0,
};

/** A configuration Herald refuses to run (e.g. open to the LAN without authentication). */
export class BrokerConfigError extends Error {}

/** The address to listen on: the host given, else all interfaces for the older `lan` flag, else loopback. */
export function bindAddress(options: Pick<EmbeddedBrokerOptions, 'host' | 'lan'>): string {
  return options.host ?? (options.lan ? '0.0.0.0' : LOOPBACK);
}

/** Why these options must not run, or null. Opening to the network needs someone to log in as. */
export function unsafeConfiguration(options: EmbeddedBrokerOptions): string | null {
  const host = bindAddress(options);
  const hasUsers = Boolean((options.username && options.password) || options.passwordFile);
  if (!isLoopbackAddress(host) && !hasUsers) {
    return (
      `the broker can listen on ${host} (the network) only with authentication: set a username and password ` +
      `or a password file (--broker-password-file); anonymous clients are allowed only on 127.0.0.1`
    );
  }
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) {
    return 'TLS needs both a certificate (--broker-tls-cert) and a private key (--broker-tls-key)';
  }
  return null;
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<RunningBroker> {
  const unsafe = unsafeConfiguration(options);
  if (unsafe) throw new BrokerConfigError(unsafe);
  const host = bindAddress(options);
  const limits = { ...BROKER_LIMITS, ...definedOnly(options) };
  const refusedLog = new RefusedLog();
  const onRefused = (address: string, reason: string) => {
    const refused = refusedLog.add(address, reason);
    options.onRefused?.(refused);
  };

  const passwordFile = options.passwordFile ? readOrExplain(options.passwordFile, readPasswordFile) : undefined;
  const acl = options.aclFile ? readOrExplain(options.aclFile, readAclFile) : undefined;
  const warnings = [
    ...(passwordFile?.problems.map((p) => `${options.passwordFile}: ${p}`) ?? []),
    ...(acl?.problems.map((p) => `${options.aclFile}: ${p}`) ?? []),
  ];
  if (passwordFile && passwordFile.users.size === 0) {
    warnings.push(`${options.passwordFile}: no valid users, so no one can log in with a password from it`);
  }
  const tls: TlsFiles | undefined =
    options.tlsCert && options.tlsKey
      ? {
          cert: readOrExplain(options.tlsCert, (p) => readFileSync(p)),
          key: readOrExplain(options.tlsKey, (p) => readFileSync(p)),
        }
      : undefined;
  if (tls) {
    try {
      createSecureContext(tls);
    } catch (err) {
      throw new BrokerConfigError(`the TLS certificate and key cannot be used: ${errorMessage(err)}`);
    }
  }

  const inspector = new BrokerInspector();
  const auth = new BrokerAuth({
    passwordFile,
    acl,
    configuredUser:
      options.username && options.password ? { username: options.username, password: options.password } : undefined,
    anonymousOnLoopback: options.anonymous ?? true,
    maxTopicLevels: limits.maxTopicLevels,
    onRefused,
  });
  const broker = await Aedes.createBroker({
    // One stuck subscriber must not stall delivery to everybody else.
    drainTimeout: 15_000,
    // Herald applies its own (lower) limit so a deep subscription gets SUBACK 0x80 instead of a disconnect.
    maxTopicLevels: 100,
    heartbeatInterval: 60_000,
    // A socket that never says CONNECT holds a slot under the cap; let it go soon.
    connectTimeout: 10_000,
    preConnect: (client, packet, done) => {
      const refusal = connectRefusal(packet, limits);
      if (!refusal) return done(null, true);
      onRefused(remoteAddressOf(client), refusal.reason);
      sendRefusal(client, refusal, () => done(new Error(refusal.reason), false));
    },
    authenticate: auth.authenticate,
    authorizePublish: auth.authorizePublish,
    authorizeSubscribe: auth.authorizeSubscribe,
    authorizeForward: (client, packet) => {
      const forwarded = auth.authorizeForward(client, packet);
      if (forwarded) inspector.delivered();
      return forwarded;
    },
  });
  inspector.attach(broker);
  const state = options.stateFile ? await keepBrokerState(broker, options.stateFile) : null;
  broker.on('keepaliveTimeout', (client: Client) => onRefused(remoteAddressOf(client), 'keepalive timed out'));

  const cap = new ConnectionCap({ maxConnections: limits.maxConnections, onRefused });
  const listenerOptions = {
    host,
    tls,
    maxConnections: limits.maxConnections,
    maxPacketBytes: limits.maxPacketBytes,
    onRefused,
    handle: (stream: Duplex, req?: IncomingMessage) => {
      const client = broker.handle(stream, req);
      limitPacketSize(client, limits.maxPacketBytes, (length) =>
        onRefused(remoteAddressOf(client), `packet of ${length} bytes over the limit of ${limits.maxPacketBytes}`),
      );
    },
  };
  const listeners: Listener[] = [];
  let bridge: UpstreamBridge | null = null;
  const stop = async () => {
    await bridge?.close();
    cap.destroyAll();
    await Promise.all(listeners.map((listener) => listener.close()));
    await state?.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  };
  let movedFromPort: number | null = null;
  let internal: Listener;
  try {
    let tcp: Listener;
    try {
      tcp = await listenTcp(listenerOptions, cap, options.port);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
      movedFromPort = options.port;
      tcp = await listenTcp(listenerOptions, cap, 0);
    }
    listeners.push(tcp);
    if (options.wsPort !== undefined) {
      listeners.push(await listenWebSocket(listenerOptions, cap, options.wsPort, options.wsPath ?? DEFAULT_WS_PATH));
    }
    internal =
      tls || !reachableOnLoopback(host)
        ? await listenTcp({ ...listenerOptions, host: LOOPBACK, tls: undefined }, cap, 0)
        : tcp;
    if (internal !== tcp) listeners.push(internal);
  } catch (err) {
    await stop();
    throw err;
  }
  const bridgeSettings = options.bridge?.enabled ? options.bridge : null;
  const bridgeRefusal = bridgeSettings && (bridgeProblem(bridgeSettings) ?? unreadableTls(bridgeSettings));
  if (bridgeSettings && !bridgeRefusal) {
    bridge = startUpstreamBridge(broker, { ...bridgeSettings, onChange: options.onBridgeChange });
  }
  return {
    host,
    port: listeners[0]!.port,
    wsPort: options.wsPort !== undefined ? listeners[1]!.port : null,
    wsPath: options.wsPort !== undefined ? (options.wsPath ?? DEFAULT_WS_PATH) : null,
    internalPort: internal.port,
    tls: tls !== undefined,
    tlsFingerprint: tls ? fingerprintOf(tls.cert) : null,
    auth: auth.hasUsers,
    movedFromPort,
    internal: auth.internal,
    warnings,
    refused: () => refusedLog.list(),
    bridge: () => {
      if (bridge) return bridge.status();
      if (!bridgeSettings || !bridgeRefusal) return null;
      const url = withoutCredentials(bridgeSettings.url);
      return { state: 'offline', url, error: bridgeRefusal, in: 0, out: 0, dropped: 0, queued: 0 };
    },
    inspector,
    close: stop,
  };
}

/** Why the bridge's TLS settings cannot be used (a CA file that cannot be read), or null. */
function unreadableTls(settings: BridgeSettings): string | null {
  try {
    bridgeTlsOptions(settings);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

function fingerprintOf(pem: Buffer): string | null {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return null; // Node's TLS server accepted it, so it works; only the fingerprint is not shown.
  }
}

/** Whether a listener on `host` also takes connections to 127.0.0.1. */
function reachableOnLoopback(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || isLoopbackAddress(host);
}

/** Reads a file the user named, or says which one could not be read and why. */
function readOrExplain<T>(path: string, read: (path: string) => T): T {
  try {
    return read(path);
  } catch (err) {
    throw new BrokerConfigError(`cannot read ${path}: ${errorMessage(err)}`);
  }
}

function definedOnly(options: EmbeddedBrokerOptions): Partial<BrokerLimits> {
  const limits: Partial<BrokerLimits> = {};
  for (const key of Object.keys(BROKER_LIMITS) as (keyof BrokerLimits)[]) {
    if (options[key] !== undefined) limits[key] = options[key];
  }
  return limits;
}
