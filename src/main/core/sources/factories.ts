// Which code runs each kind of source.
import type { SourceKind } from '../../../shared/sources.ts';
import type { StoredSourceOf } from '../settings/schema.ts';
import { createGotifySource } from './gotify/gotify-source.ts';
import { createHttpPollSource } from './http/http-poll-source.ts';
import { createMqttSource } from './mqtt/mqtt-source.ts';
import { createNtfySource } from './ntfy/ntfy-source.ts';
import type { SourceFactory } from './common/source.ts';
import { createSseSource } from './sse/sse-source.ts';
import { createWebSocketSource } from './websocket/websocket-source.ts';
import { createWebhookSource } from './webhook/webhook-source.ts';

export const sourceFactories: { [K in SourceKind]: SourceFactory<StoredSourceOf<K>> } = {
  mqtt: createMqttSource,
  websocket: createWebSocketSource,
  sse: createSseSource,
  http: createHttpPollSource,
  ntfy: createNtfySource,
  gotify: createGotifySource,
  webhook: createWebhookSource,
};
