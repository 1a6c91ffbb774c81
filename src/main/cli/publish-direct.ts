// `herald publish` without a running Herald: one short connection of its own to the source's server, with the
// same settings (credentials, TLS, headers) the source uses, then one message, then a clean disconnect. MQTT
// goes through the same publish code as the app; a WebSocket source gets one text frame.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type IConnackPacket } from 'mqtt';
import { WebSocket } from 'ws';
import { describeIssues } from '../../shared/contract.ts';
import { canPublishTo, publishTopicProblem, type PublishRequest } from '../../shared/publish.ts';
import { SourceInput } from '../../shared/sources.ts';
import { FileSecretStore } from '../core/settings/file-secret-store.ts';
import { Settings, StoredSource, type StoredSourceOf } from '../core/settings/schema.ts';
import { loadSourceSecrets, splitSecrets } from '../core/settings/types.ts';
import { describeConnectionError } from '../core/sources/common/network-errors.ts';
import { headerProblem, requestHeaders } from '../core/sources/common/push-endpoint.ts';
import type { SourceSecrets } from '../core/sources/common/source.ts';
import { describeConnack, describeMqttError } from '../core/sources/mqtt/mqtt-errors.ts';
import { mqttClientOptions } from '../core/sources/mqtt/mqtt-options.ts';
import { mqttSender } from '../core/sources/mqtt/mqtt-publish.ts';
import { parseSourceUrl } from './source-url.ts';

const ANSWER_TIMEOUT_MS = 10_000;

/** A source to publish to: from a URL given on the command line or a saved source of the data dir. */
export interface Target {
  config: StoredSource;
  secrets: SourceSecrets;
  /** Why connecting may fail that the error alone would not tell. */
  hint?: string;
}

/** A URL as `herald serve --source` reads it (kind from the scheme or kind=, options in the query). */
export function targetFromUrl(raw: string): Target {
  const { source } = parseSourceUrl(raw);
  const host = new URL(source.url).host;
  // The subscription is required of a saved MQTT source but unused here: publishing subscribes to nothing.
  const withTopics = source.kind === 'mqtt' ? { ...source, topics: [{ filter: '#', qos: 0 }] } : source;
  const parsed = SourceInput.safeParse({ name: host, ...withTopics });
  if (!parsed.success) throw new Error(`--source ${raw}: ${describeIssues(parsed.error)}`);
  const { config, secrets } = splitSecrets(parsed.data);
  return { config: StoredSource.parse({ ...config, id: 'cli-publish' }), secrets };
}

/** A saved source of the data dir's settings file, by id (or by name when no id matches). */
export function targetFromSettings(dataDir: string, idOrName: string): Target {
  const file = join(dataDir, 'config.json');
  let settings: Settings;
  try {
    const parsed = Settings.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(describeIssues(parsed.error));
    settings = parsed.data;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing ? `no settings at ${file}: give the source as a URL` : `${file}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const config = settings.sources.find((s) => s.id === idOrName) ?? settings.sources.find((s) => s.name === idOrName);
  if (!config) throw new Error(`no source "${idOrName}" in ${file}`);
  const secrets = loadSourceSecrets(new FileSecretStore(join(dataDir, 'headless-secrets.json')), config.id);
  if (!config.embedded) return { config, secrets };
  // The embedded broker runs inside Herald: without Herald there is nothing to connect to.
  return {
    config: { ...config, url: `mqtt://127.0.0.1:${settings.broker.port}` },
    secrets,
    hint: `${config.name} is Herald's embedded broker, which runs only while Herald does (start "herald serve")`,
  };
}

/** Publishes once over a connection of its own; resolves with a note for the user, if any. */
export async function publishDirect(
  target: Target,
  request: Omit<PublishRequest, 'sourceId'>,
): Promise<string | undefined> {
  const { config } = target;
  if (!canPublishTo(config.kind))
    throw new Error(`${config.name} is a ${config.kind} source; Herald publishes only to MQTT and WebSocket`);
  try {
    if (config.kind === 'mqtt') return await publishMqtt(config, target.secrets, request);
    if (config.kind === 'websocket') return await publishWebSocket(config, target.secrets, request.payload);
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(target.hint ? `${message}; ${target.hint}` : message, { cause: err });
  }
  return undefined;
}

async function publishMqtt(
  config: StoredSourceOf<'mqtt'>,
  secrets: SourceSecrets,
  request: Omit<PublishRequest, 'sourceId'>,
): Promise<string | undefined> {
  const problem = publishTopicProblem(request.topic);
  if (problem) throw new Error(`cannot publish: ${problem}`);
  // A client id of its own and a clean session: the source's persistent session on the broker stays untouched.
  const clientId = `herald-pub-${randomBytes(6).toString('hex')}`;
  const options = mqttClientOptions({ ...config, clean: true }, secrets, clientId, ANSWER_TIMEOUT_MS);
  const client = mqtt.connect(config.url, options);
  const sender = mqttSender(client, config.protocolVersion, ANSWER_TIMEOUT_MS, () => true);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the broker did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)),
        ANSWER_TIMEOUT_MS,
      );
      client.once('connect', (_connack: IConnackPacket) => {
        clearTimeout(timer);
        resolve();
      });
      client.once('error', (err: Error & { code?: string | number }) => {
        clearTimeout(timer);
        reject(
          new Error(
            typeof err.code === 'number'
              ? describeConnack(err.code, config.protocolVersion).reason
              : describeMqttError(err, config.url, ANSWER_TIMEOUT_MS, config.keepalive),
          ),
        );
      });
      client.connect();
    });
    // Later errors end the connection, which the publish reports; they must not crash the command.
    client.on('error', () => {});
    const { note } = await sender.send({ ...request, sourceId: config.id });
    await client.endAsync();
    return note;
  } finally {
    client.end(true);
  }
}

async function publishWebSocket(
  config: StoredSourceOf<'websocket'>,
  secrets: SourceSecrets,
  payload: string,
): Promise<undefined> {
  const headers = requestHeaders(config.headers, secrets.token);
  const problem = headerProblem(headers);
  if (problem) throw new Error(problem);
  const socket = new WebSocket(config.url, { headers, handshakeTimeout: ANSWER_TIMEOUT_MS });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`HTTP ${res.statusCode ?? 0} from ${config.url}`)),
      );
      socket.once('error', (err) => reject(new Error(describeConnectionError(err, config.url))));
    });
    await new Promise<void>((resolve, reject) =>
      socket.send(payload, { binary: false }, (err) => (err ? reject(err) : resolve())),
    );
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'sent');
      setTimeout(resolve, 1000).unref();
    });
  } finally {
    socket.terminate();
  }
  return undefined;
}
