// The source form's values: one flat record for every kind, so switching the kind while adding keeps what was
// typed (name, URL). Numbers stay strings while being edited; secrets are write-only and start empty.
import type { Qos, SourceView } from '../../shared/model.ts';
import type { SourceKind } from '../../shared/sources.ts';
import type { MqttDiscovery } from '../../shared/sources/mqtt.ts';

export interface TopicRow {
  filter: string;
  qos: Qos;
}

export interface HeaderRow {
  name: string;
  value: string;
}

export const MAPPING_KEYS = ['title', 'body', 'priority', 'id', 'url', 'time'] as const;
export type MappingKey = (typeof MAPPING_KEYS)[number];

/** How an ntfy source signs in: nothing, Basic (username + password) or an access token (Bearer). */
export type NtfyAuth = 'none' | 'password' | 'token';

/** A write-only secret: empty keeps what is saved, `remove` forgets it. */
export interface SecretValue {
  value: string;
  remove: boolean;
}

export interface SourceFormValues {
  kind: SourceKind;
  name: string;
  enabled: boolean;
  url: string;
  /** Notify from this priority up when no rule decides (1-5; 1-2 still stay quiet without a rule). */
  minPriority: number;
  /** The group it is listed under; empty: none. */
  group: string;
  username: string;
  password: SecretValue;
  token: SecretValue;
  // MQTT
  clientId: string;
  topics: TopicRow[];
  protocolVersion: 4 | 5;
  keepalive: string;
  /** Clean start off: the broker keeps the session (and queued QoS 1/2 messages) while Herald is away. */
  keepSession: boolean;
  sessionExpiry: string;
  tlsCa: string;
  tlsCert: string;
  tlsKey: SecretValue;
  tlsServername: string;
  tlsAllowUntrusted: boolean;
  /** Devices announced on the broker (Home Assistant discovery, Zigbee2MQTT), kept as saved. */
  discovery: MqttDiscovery;
  // WebSocket and SSE
  headers: HeaderRow[];
  openMessage: string;
  format: 'json' | 'text';
  mapping: Record<MappingKey, string>;
  // HTTP polling (with the headers, token and mapping above)
  pollMode: 'poll' | 'long-poll';
  intervalSeconds: string;
  itemsPath: string;
  cursorParam: string;
  cursorPath: string;
  // ntfy
  ntfyTopics: string[];
  ntfyAuth: NtfyAuth;
  // Webhook
  allowRemote: boolean;
  perMinute: string;
}

/** A day: long enough to ride out a weekend-free outage, short enough that a forgotten client expires. */
export const DEFAULT_SESSION_EXPIRY = '86400';

const noSecret = (): SecretValue => ({ value: '', remove: false });
const emptyMapping = (): Record<MappingKey, string> => ({
  title: '',
  body: '',
  priority: '',
  id: '',
  url: '',
  time: '',
});

export function emptyForm(kind: SourceKind = 'mqtt'): SourceFormValues {
  return {
    kind,
    name: '',
    enabled: true,
    url: '',
    minPriority: 1,
    group: '',
    username: '',
    password: noSecret(),
    token: noSecret(),
    clientId: '',
    topics: [{ filter: '', qos: 0 }],
    protocolVersion: 4,
    keepalive: '30',
    keepSession: false,
    sessionExpiry: DEFAULT_SESSION_EXPIRY,
    tlsCa: '',
    tlsCert: '',
    tlsKey: noSecret(),
    tlsServername: '',
    tlsAllowUntrusted: false,
    discovery: { homeAssistant: true, zigbee2mqtt: true, prefix: 'homeassistant', baseTopic: 'zigbee2mqtt' },
    headers: [],
    openMessage: '',
    format: 'json',
    mapping: emptyMapping(),
    pollMode: 'poll',
    intervalSeconds: '30',
    itemsPath: '',
    cursorParam: '',
    cursorPath: '',
    ntfyTopics: [''],
    ntfyAuth: 'none',
    allowRemote: false,
    perMinute: '60',
  };
}

export function formFromSource(source: SourceView): SourceFormValues {
  const base = {
    ...emptyForm(source.kind),
    name: source.name,
    enabled: source.enabled,
    url: source.url,
    minPriority: source.minPriority,
    group: source.group ?? '',
  };
  switch (source.kind) {
    case 'mqtt':
      return {
        ...base,
        username: source.username ?? '',
        clientId: source.clientId ?? '',
        topics: source.topics.map((topic) => ({ ...topic })),
        protocolVersion: source.protocolVersion,
        keepalive: String(source.keepalive),
        keepSession: !source.clean,
        sessionExpiry:
          source.clean && source.sessionExpiry === 0 ? DEFAULT_SESSION_EXPIRY : String(source.sessionExpiry),
        tlsCa: source.tls?.ca ?? '',
        tlsCert: source.tls?.cert ?? '',
        tlsServername: source.tls?.servername ?? '',
        tlsAllowUntrusted: source.tls?.allowUntrusted ?? false,
        discovery: { ...source.discovery },
      };
    case 'websocket':
    case 'sse':
      return {
        ...base,
        headers: Object.entries(source.headers).map(([name, value]) => ({ name, value })),
        openMessage: source.kind === 'websocket' ? (source.openMessage ?? '') : '',
        format: source.format,
        mapping: { ...emptyMapping(), ...source.mapping },
      };
    case 'http':
      return {
        ...base,
        headers: Object.entries(source.headers).map(([name, value]) => ({ name, value })),
        mapping: { ...emptyMapping(), ...source.mapping },
        pollMode: source.mode,
        intervalSeconds: String(source.intervalSeconds),
        itemsPath: source.itemsPath ?? '',
        cursorParam: source.cursorParam ?? '',
        cursorPath: source.cursorPath ?? '',
      };
    case 'ntfy':
      return {
        ...base,
        username: source.username ?? '',
        ntfyTopics: [...source.topics],
        ntfyAuth: source.username || source.hasPassword ? 'password' : source.hasToken ? 'token' : 'none',
      };
    case 'gotify':
      return base;
    case 'webhook':
      return { ...base, allowRemote: source.allowRemote, perMinute: String(source.perMinute) };
  }
}

/** True when the TLS section holds anything, so it starts open instead of hiding settings in use. */
export function usesTls(values: SourceFormValues): boolean {
  return Boolean(
    values.tlsCa || values.tlsCert || values.tlsServername || values.tlsAllowUntrusted || values.tlsKey.value,
  );
}
