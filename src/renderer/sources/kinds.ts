// What the UI says about each kind of source: its name, what its URL is called and looks like, and a one-line
// summary for the list. Kept apart from the components so the words are in one place.
import type { SourceView } from '../../shared/model.ts';
import type { SourceKind } from '../../shared/sources.ts';

export const KIND_ORDER: readonly SourceKind[] = ['mqtt', 'websocket', 'sse', 'ntfy', 'gotify'];

export const KIND_LABEL: Record<SourceKind, string> = {
  mqtt: 'MQTT',
  websocket: 'WebSocket',
  sse: 'Server-Sent Events',
  ntfy: 'ntfy',
  gotify: 'Gotify',
};

interface UrlWording {
  label: string;
  placeholder: string;
  hint: string;
}

export const URL_WORDING: Record<SourceKind, UrlWording> = {
  mqtt: { label: 'Broker URL', placeholder: 'mqtt://broker.example:1883', hint: 'mqtt://, mqtts://, ws:// or wss://' },
  websocket: { label: 'WebSocket URL', placeholder: 'wss://push.example/websocket', hint: 'ws:// or wss://' },
  sse: { label: 'Stream URL', placeholder: 'https://push.example/events', hint: 'http:// or https://; a text/event-stream endpoint' },
  ntfy: { label: 'Server URL', placeholder: 'https://ntfy.sh', hint: 'The server only; topics are listed below.' },
  gotify: { label: 'Server URL', placeholder: 'https://gotify.example', hint: 'http:// or https://' },
};

/** One line under the source's URL in the list: what it listens to. */
export function sourceSummary(source: SourceView): string {
  switch (source.kind) {
    case 'mqtt': {
      const topics = source.topics.map((topic) => `${topic.filter} (QoS ${topic.qos})`).join(', ');
      const version = source.protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1';
      return `${topics} · ${version}${source.clean ? '' : ' · keeps session'}`;
    }
    case 'websocket':
    case 'sse':
      return `${KIND_LABEL[source.kind]} · ${source.format === 'json' ? 'JSON frames' : 'text frames'}`;
    case 'ntfy':
      return `ntfy topics: ${source.topics.join(', ')}`;
    case 'gotify':
      return 'Gotify messages for this client';
  }
}
