// What the UI says about each kind of source: its name (from the kind's definition in shared/sources/), what
// its URL is called and looks like, and a one-line summary for the list.
import type { SourceView } from '../../shared/model.ts';
import { byKind, SOURCE_KINDS, type SourceKind } from '../../shared/sources.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';

export const KIND_LABEL = byKind((kind) => kind.label);

export const KIND_ORDER: readonly SourceKind[] = SOURCE_KINDS;

/** The URL field's label and hint in the user's language; the example address is the kind's own. */
const URL_KEYS: Record<SourceKind, { label: MessageKey; hint?: MessageKey }> = {
  mqtt: { label: 'sources.url.broker' },
  websocket: { label: 'sources.url.websocket' },
  sse: { label: 'sources.url.stream', hint: 'sources.url.sseHint' },
  http: { label: 'sources.url.endpoint', hint: 'sources.url.endpointHint' },
  ntfy: { label: 'sources.url.server', hint: 'sources.url.ntfyHint' },
  gotify: { label: 'sources.url.server' },
  webhook: { label: 'sources.url.hook', hint: 'sources.url.hookHint' },
};

const SHARED_WORDING = byKind((kind) => kind.url.wording);

/** Schemes-only hints ("ws:// or wss://") read the same in every language and come from the kind itself. */
export function urlWording(kind: SourceKind, t: Translate): { label: string; placeholder: string; hint: string } {
  const keys = URL_KEYS[kind];
  const { placeholder, hint } = SHARED_WORDING[kind];
  return { label: t(keys.label), placeholder, hint: keys.hint ? t(keys.hint) : hint };
}

/** One line under the source's URL in the list: what it listens to. */
export function sourceSummary(source: SourceView, t: Translate): string {
  switch (source.kind) {
    case 'mqtt': {
      const topics = source.topics
        .map((topic) => t('sources.summary.qos', { filter: topic.filter, qos: topic.qos }))
        .join(', ');
      const version = source.protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1';
      return `${topics} · ${version}${source.clean ? '' : t('sources.summary.keepsSession')}`;
    }
    case 'websocket':
    case 'sse':
      return `${KIND_LABEL[source.kind]} · ${t(source.format === 'json' ? 'sources.summary.jsonFrames' : 'sources.summary.textFrames')}`;
    case 'http':
      return `${KIND_LABEL.http} · ${source.mode === 'poll' ? t('sources.summary.poll', { seconds: source.intervalSeconds }) : t('sources.summary.longPoll')}`;
    case 'ntfy':
      return t('sources.summary.ntfy', { topics: source.topics.join(', ') });
    case 'gotify':
      return t('sources.summary.gotify');
    case 'webhook':
      return t('sources.summary.webhook', {
        count: source.perMinute,
        from: t(source.allowRemote ? 'sources.summary.anyComputer' : 'sources.summary.thisComputer'),
      });
  }
}
