// How a body is meant to be read: the stored kind (text, JSON, binary) refined by what the sender said about
// it (ntfy and Gotify markdown, an MQTT 5 content type).
import type { MessageDetail } from '../../../shared/model.ts';

export type BodyFormat = 'markdown' | 'text' | 'json' | 'binary';

export function isMarkdownType(contentType: unknown): boolean {
  return typeof contentType === 'string' && contentType.split(';')[0]!.trim().toLowerCase() === 'text/markdown';
}

export function bodyFormat(detail: Pick<MessageDetail, 'bodyKind' | 'extras' | 'properties'>): BodyFormat {
  if (detail.bodyKind !== 'text') return detail.bodyKind;
  const markdown = isMarkdownType(detail.extras?.contentType) || isMarkdownType(detail.properties?.contentType);
  return markdown ? 'markdown' : 'text';
}
