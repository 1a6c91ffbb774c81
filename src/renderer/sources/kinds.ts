// What the UI says about each kind of source: its name, what its URL is called and looks like (both from the
// kind's definition in shared/sources/), and a one-line summary for the list.
import type { SourceView } from '../../shared/model.ts';
import { byKind, SOURCE_KINDS, type SourceKind } from '../../shared/sources.ts';

export const KIND_ORDER: readonly SourceKind[] = SOURCE_KINDS;

export const KIND_LABEL = byKind((kind) => kind.label);

export const URL_WORDING = byKind((kind) => kind.url.wording);

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
    case 'webhook':
      return `posts · at most ${source.perMinute} a minute · ${source.allowRemote ? 'from any computer' : 'from this computer only'}`;
  }
}
