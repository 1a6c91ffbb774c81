// Turns the form's values into the contract's SourceInput for the chosen kind. Only that kind's fields are
// sent; secrets follow the contract's rule: undefined keeps the saved one, '' removes it.
import type { SourceInput } from '../../shared/sources.ts';
import { MAPPING_KEYS, type SecretValue, type SourceFormValues } from './form-values.ts';

/** Which secrets the edited source has saved (all false when adding). */
export interface SavedSecrets {
  hasPassword: boolean;
  hasToken: boolean;
  hasTlsKey: boolean;
}

export const NO_SAVED_SECRETS: SavedSecrets = { hasPassword: false, hasToken: false, hasTlsKey: false };

const secret = ({ value, remove }: SecretValue): string | undefined => (remove ? '' : value || undefined);
/** A secret the chosen settings no longer use: removed if one is saved, otherwise left alone. */
const dropped = (saved: boolean): string | undefined => (saved ? '' : undefined);
const optional = (text: string): string | undefined => text.trim() || undefined;

export function toSourceInput(values: SourceFormValues, saved: SavedSecrets = NO_SAVED_SECRETS): SourceInput {
  const common = {
    name: values.name.trim(),
    enabled: values.enabled,
    url: values.url.trim(),
    minPriority: values.minPriority,
    group: optional(values.group),
  };
  switch (values.kind) {
    case 'mqtt': {
      const keepalive = Number(values.keepalive.trim());
      const tls = {
        ca: optional(values.tlsCa),
        cert: optional(values.tlsCert),
        servername: optional(values.tlsServername),
        allowUntrusted: values.tlsAllowUntrusted,
      };
      const anyTls = Boolean(tls.ca || tls.cert || tls.servername || tls.allowUntrusted);
      return {
        kind: 'mqtt',
        ...common,
        username: optional(values.username),
        password: secret(values.password),
        tlsKey: secret(values.tlsKey),
        clientId: optional(values.clientId),
        topics: values.topics.map(({ filter, qos }) => ({ filter, qos })),
        protocolVersion: values.protocolVersion,
        keepalive,
        clean: !values.keepSession,
        // A session expiry only exists in MQTT 5; 3.1.1 brokers keep a session until they expire it themselves.
        sessionExpiry: values.protocolVersion === 5 && values.keepSession ? Number(values.sessionExpiry.trim()) : 0,
        discovery: values.discovery,
        ...(anyTls ? { tls } : {}),
      };
    }
    case 'websocket':
    case 'sse': {
      const mapping = values.format === 'json' ? mappingOf(values) : {};
      const shared = {
        ...common,
        headers: headersOf(values),
        format: values.format,
        mapping,
        token: secret(values.token),
      };
      return values.kind === 'websocket'
        ? { kind: 'websocket', ...shared, openMessage: values.openMessage || undefined }
        : { kind: 'sse', ...shared };
    }
    case 'http':
      return {
        kind: 'http',
        ...common,
        headers: headersOf(values),
        token: secret(values.token),
        mode: values.pollMode,
        ...intervalOf(values),
        mapping: mappingOf(values),
        itemsPath: optional(values.itemsPath),
        ...(values.pollMode === 'long-poll'
          ? { cursorParam: optional(values.cursorParam), cursorPath: optional(values.cursorPath) }
          : {}),
      };
    case 'ntfy':
      return ntfyInput(values, common, saved);
    case 'gotify':
      return { kind: 'gotify', ...common, token: secret(values.token) };
    case 'webhook':
      return {
        kind: 'webhook',
        ...common,
        token: secret(values.token),
        allowRemote: values.allowRemote,
        perMinute: Number(values.perMinute.trim()),
      };
  }
}

/** Long polling hides the interval, so a value left unusable there must not block saving: it is not sent. */
function intervalOf(values: SourceFormValues): { intervalSeconds?: number } {
  const seconds = Number(values.intervalSeconds.trim());
  const usable = Number.isInteger(seconds) && seconds >= 1;
  return values.pollMode === 'poll' || usable ? { intervalSeconds: seconds } : {};
}

function headersOf(values: SourceFormValues): Record<string, string> {
  const rows = values.headers.filter((row) => row.name.trim() || row.value);
  return Object.fromEntries(rows.map((row) => [row.name.trim(), row.value]));
}

function mappingOf(values: SourceFormValues): Record<string, string> {
  return Object.fromEntries(
    MAPPING_KEYS.flatMap((key) => (values.mapping[key].trim() ? [[key, values.mapping[key].trim()]] : [])),
  );
}

function ntfyInput(
  values: SourceFormValues,
  common: { name: string; enabled: boolean; url: string; minPriority: number },
  saved: SavedSecrets,
): SourceInput {
  const base = { kind: 'ntfy' as const, ...common, topics: values.ntfyTopics.map((topic) => topic.trim()) };
  switch (values.ntfyAuth) {
    case 'password':
      return {
        ...base,
        username: optional(values.username),
        password: secret(values.password),
        token: dropped(saved.hasToken),
      };
    case 'token':
      return { ...base, token: secret(values.token), password: dropped(saved.hasPassword) };
    case 'none':
      return { ...base, password: dropped(saved.hasPassword), token: dropped(saved.hasToken) };
  }
}
