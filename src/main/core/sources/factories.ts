// Which code runs each kind of source.
import type { SourceKind } from '../../../shared/sources.ts';
import type { StoredSourceOf } from '../settings/schema.ts';
import { createGotifySource } from './gotify-source.ts';
import { createMqttSource } from './mqtt-source.ts';
import { createNtfySource } from './ntfy-source.ts';
import type { SourceFactory } from './source.ts';
import { createSseSource } from './sse-source.ts';
import { createWebSocketSource } from './websocket-source.ts';

export const sourceFactories: { [K in SourceKind]: SourceFactory<StoredSourceOf<K>> } = {
  mqtt: createMqttSource,
  websocket: createWebSocketSource,
  sse: createSseSource,
  ntfy: createNtfySource,
  gotify: createGotifySource,
};
