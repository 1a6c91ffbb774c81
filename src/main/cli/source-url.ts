// `herald serve --source URL`: one URL describes a whole source. MQTT options ride in the query string
// (`mqtt://broker:1883?clientId=desk-1&clean=false&qos=1&protocolVersion=5`); other kinds are named with
// `kind=` (`wss://push.example/websocket/7?kind=websocket&map.title=data.title`). For WebSocket and SSE URLs
// only Herald's own parameters are taken out; the rest stay for the server.
import { readFileSync } from 'node:fs';
import { describeIssues } from '../../shared/contract.ts';
import {
  kindImpliedBy,
  kindsTaking,
  orList,
  SOURCE_KINDS,
  SourceInput,
  type Qos,
  type SourceKind,
} from '../../shared/sources.ts';
import type { EphemeralSource } from '../core/core-api.ts';

export class SourceUrlError extends Error {}

export const SOURCE_URL_HELP = `      --source URL     a source for this run only. The kind follows from the scheme (mqtt, mqtts: MQTT;
                       ws, wss: MQTT over WebSocket unless kind= says otherwise) or from kind=:
                         kind=${SOURCE_KINDS.join('|')}
                       Query parameters (a value env:NAME is read from the environment; file:PATH from a file):
                         all kinds      name=  enabled=true|false
                         mqtt           clientId= clean=true|false qos=0|1|2 protocolVersion=4|5 (or 3.1.1|5)
                                        keepalive=SECONDS sessionExpiry=SECONDS username= password=
                                        ca=PEM-or-path cert=PEM-or-path key=PATH servername= allowUntrusted=true
                         websocket/sse  token= header.NAME=VALUE format=json|text open=MESSAGE (websocket)
                                        map.title= map.body= map.priority= map.id= map.url= map.time= (dotted paths)
                         http           token= header.NAME=VALUE map.*= mode=poll|long-poll interval=SECONDS
                                        items=PATH (where the list is) cursorParam=NAME cursorPath=PATH (long-poll)
                         ntfy           topics in the path (https://ntfy.sh/alerts,backups) or via --topic;
                                        username= password= or token=
                         gotify         token= (a client token)
                         webhook        http://HOST:PORT/hook/NAME?kind=webhook&token=env:NAME (POST there with
                                        Authorization: Bearer TOKEN) allowRemote=true perMinute=N
      --topic FILTER   a topic for the --source before it (MQTT filter, wildcards + and #; or an ntfy topic)
      --qos N          QoS for that MQTT source's topics (default 1)`;

const COMMON = ['kind', 'name', 'enabled'];
const MQTT_KEYS = [
  'clientId',
  'clean',
  'qos',
  'protocolVersion',
  'keepalive',
  'sessionExpiry',
  'username',
  'password',
  'ca',
  'cert',
  'key',
  'servername',
  'allowUntrusted',
];
const PUSH_KEYS = ['token', 'format', 'open'];
/** HTTP polling's own parameters, by the setting each fills. */
const HTTP_KEYS: Record<string, string> = {
  token: 'token',
  mode: 'mode',
  interval: 'intervalSeconds',
  items: 'itemsPath',
  cursorParam: 'cursorParam',
  cursorPath: 'cursorPath',
};

/** A parsed --source, still collecting --topic/--qos options that follow it on the command line. */
export interface PendingSource {
  source: EphemeralSource;
  qos: Qos;
  topics: string[];
}

export function parseSourceUrl(raw: string, env: NodeJS.ProcessEnv = process.env): PendingSource {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SourceUrlError(`"${raw}" is not a URL`);
  }
  const params = url.searchParams;
  const scheme = url.protocol.replace(/:$/, '');
  const kind = (params.get('kind') ?? kindImpliedBy(scheme) ?? '') as SourceKind;
  if (!SOURCE_KINDS.includes(kind)) {
    throw new SourceUrlError(
      params.has('kind') ? `unknown kind "${params.get('kind')}"; use ${SOURCE_KINDS.join(', ')}` : kindNeeded(scheme),
    );
  }
  const value = (key: string) => resolveValue(key, params.get(key), env);
  const take = (key: string) => {
    const found = value(key);
    params.delete(key);
    return found;
  };
  const common = {
    kind,
    ...(params.has('name') ? { name: take('name') } : {}),
    ...(params.has('enabled') ? { enabled: bool(take('enabled'), 'enabled') } : {}),
  };
  params.delete('kind');

  if (kind === 'mqtt') {
    const unknown = [...params.keys()].filter((key) => !MQTT_KEYS.includes(key) && !COMMON.includes(key));
    if (unknown.length)
      throw new SourceUrlError(`unknown MQTT option ${unknown.join(', ')}; known: ${MQTT_KEYS.join(', ')}`);
    const qos = params.has('qos') ? qosOf(take('qos')) : 1;
    const protocolVersion = params.has('protocolVersion') ? protocolOf(take('protocolVersion')) : undefined;
    const tls = {
      ...(params.has('ca') ? { ca: take('ca') } : {}),
      ...(params.has('cert') ? { cert: take('cert') } : {}),
      ...(params.has('servername') ? { servername: take('servername') } : {}),
      ...(params.has('allowUntrusted') ? { allowUntrusted: bool(take('allowUntrusted'), 'allowUntrusted') } : {}),
    };
    const source = {
      ...common,
      kind: 'mqtt' as const,
      ...(params.has('clientId') ? { clientId: take('clientId') } : {}),
      ...(params.has('clean') ? { clean: bool(take('clean'), 'clean') } : {}),
      ...(protocolVersion ? { protocolVersion } : {}),
      ...(params.has('keepalive') ? { keepalive: integer(take('keepalive'), 'keepalive') } : {}),
      ...(params.has('sessionExpiry') ? { sessionExpiry: integer(take('sessionExpiry'), 'sessionExpiry') } : {}),
      ...(params.has('username') ? { username: take('username') } : {}),
      ...(params.has('password') ? { password: take('password') } : {}),
      ...(params.has('key') ? { tlsKey: readKey(take('key')) } : {}),
      ...(Object.keys(tls).length ? { tls } : {}),
      url: withoutQuery(url),
      topics: [],
    };
    return { source, qos, topics: [] };
  }

  if (kind === 'ntfy' || kind === 'gotify') {
    const known = kind === 'ntfy' ? ['username', 'password', 'token'] : ['token'];
    const unknown = [...params.keys()].filter((key) => !known.includes(key) && !COMMON.includes(key));
    if (unknown.length)
      throw new SourceUrlError(`unknown ${kind} option ${unknown.join(', ')}; known: ${known.join(', ')}`);
    const secrets = Object.fromEntries(known.filter((key) => params.has(key)).map((key) => [key, take(key)]));
    if (kind === 'gotify')
      return { source: { ...common, kind, url: withoutQuery(url), ...secrets }, qos: 1, topics: [] };
    // ntfy: the last path segment may list topics (https://ntfy.sh/a,b); the rest is the server.
    const segments = url.pathname.split('/').filter(Boolean);
    const topics = segments.length ? segments.pop()!.split(',').filter(Boolean) : [];
    url.pathname = `/${segments.join('/')}`;
    return {
      source: { ...common, kind, url: withoutQuery(url).replace(/\/$/, ''), topics: [], ...secrets },
      qos: 1,
      topics,
    };
  }

  if (kind === 'webhook') {
    const known = ['token', 'allowRemote', 'perMinute'];
    const unknown = [...params.keys()].filter((key) => !known.includes(key) && !COMMON.includes(key));
    if (unknown.length)
      throw new SourceUrlError(`unknown webhook option ${unknown.join(', ')}; known: ${known.join(', ')}`);
    return {
      source: {
        ...common,
        kind,
        url: withoutQuery(url),
        ...(params.has('token') ? { token: take('token') } : {}),
        ...(params.has('allowRemote') ? { allowRemote: bool(take('allowRemote'), 'allowRemote') } : {}),
        ...(params.has('perMinute') ? { perMinute: Number(take('perMinute')) } : {}),
      },
      qos: 1,
      topics: [],
    };
  }

  // websocket / sse / http: Herald's own parameters come out, the server's stay.
  const headers: Record<string, string> = {};
  const mapping: Record<string, string> = {};
  for (const key of [...params.keys()]) {
    if (key.startsWith('header.')) headers[key.slice('header.'.length)] = take(key);
    else if (key.startsWith('map.')) mapping[key.slice('map.'.length)] = take(key);
  }
  if (kind === 'http') {
    const own = Object.entries(HTTP_KEYS).filter(([key]) => params.has(key));
    const settings = own.map(([key, field]): [string, string | number] => [
      field,
      key === 'interval' ? integer(take(key), key) : take(key),
    ]);
    return {
      source: { ...common, kind, url: url.toString(), headers, mapping, ...Object.fromEntries(settings) },
      qos: 1,
      topics: [],
    };
  }
  const extras = Object.fromEntries(
    PUSH_KEYS.filter((key) => params.has(key) && (key !== 'open' || kind === 'websocket')).map((key) => [
      key === 'open' ? 'openMessage' : key,
      take(key),
    ]),
  );
  return {
    source: { ...common, kind, url: url.toString(), headers, mapping, ...extras },
    qos: 1,
    topics: [],
  };
}

/** Applies the --topic options that followed the --source and checks the result like the UI's form. */
export function finishSource(pending: PendingSource): EphemeralSource {
  const source = withTopics(pending);
  const parsed = SourceInput.safeParse({ name: new URL(source.url).host, ...source });
  if (!parsed.success) throw new SourceUrlError(describeIssues(parsed.error));
  return source;
}

function withTopics(pending: PendingSource): EphemeralSource {
  const { source, topics, qos } = pending;
  if (source.kind === 'mqtt') {
    if (topics.length === 0) throw new SourceUrlError(`--source ${source.url} needs at least one --topic`);
    return { ...source, topics: topics.map((filter) => ({ filter, qos })) };
  }
  if (source.kind === 'ntfy') {
    const all = [...source.topics, ...topics];
    if (all.length === 0)
      throw new SourceUrlError(`--source ${source.url} names no ntfy topic (put it in the path or use --topic)`);
    return { ...source, topics: all };
  }
  if (topics.length) throw new SourceUrlError(`--topic does not apply to ${source.kind} sources`);
  return source;
}

/** For a URL whose scheme implies no kind: which `kind=` values would take it. */
function kindNeeded(scheme: string): string {
  const kinds = kindsTaking(scheme);
  if (kinds.length === 0) return `no kind of source takes ${scheme} URLs`;
  return `${scheme} URLs need kind=${orList(kinds)}`;
}

function resolveValue(key: string, raw: string | null, env: NodeJS.ProcessEnv): string {
  const value = raw ?? '';
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    if (env[name] === undefined) throw new SourceUrlError(`${key}=env:${name}, but ${name} is not set`);
    return env[name];
  }
  if (value.startsWith('file:')) return readFile(key, value.slice(5));
  return value;
}

function readKey(value: string): string {
  return value.includes('-----BEGIN') ? value : readFile('key', value);
}

function readFile(key: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SourceUrlError(
      `${key}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** The URL without its query; a bare server (https://host/) loses the trailing slash too. */
function withoutQuery(url: URL): string {
  const copy = new URL(url.toString());
  copy.search = '';
  const text = copy.toString();
  return copy.pathname === '/' ? text.replace(/\/$/, '') : text;
}

function bool(value: string, key: string): boolean {
  if (value === 'true' || value === '1' || value === 'yes') return true;
  if (value === 'false' || value === '0' || value === 'no') return false;
  throw new SourceUrlError(`${key} must be true or false, not "${value}"`);
}

function integer(value: string, key: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new SourceUrlError(`${key} must be a whole number of seconds, not "${value}"`);
  return n;
}

export function qosOf(value: string): Qos {
  const qos = Number(value);
  if (qos !== 0 && qos !== 1 && qos !== 2) throw new SourceUrlError(`qos must be 0, 1 or 2, not "${value}"`);
  return qos;
}

function protocolOf(value: string): 4 | 5 {
  if (value === '4' || value === '3.1.1') return 4;
  if (value === '5' || value === '5.0') return 5;
  throw new SourceUrlError(`protocolVersion must be 4 (3.1.1) or 5, not "${value}"`);
}
