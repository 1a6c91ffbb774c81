// How a body is meant to be read: the stored kind (text, JSON, binary) refined by what the sender said about
// it (ntfy and Gotify markdown, an MQTT 5 content type, a JSON body that says its message is markdown).
import type { MessageDetail } from '../../../shared/model.ts';
import { parseJson } from './json-value.ts';

export type BodyFormat = 'markdown' | 'text' | 'json' | 'binary';

export function isMarkdownType(contentType: unknown): boolean {
  return typeof contentType === 'string' && contentType.split(';')[0]!.trim().toLowerCase() === 'text/markdown';
}

export function bodyFormat(detail: Pick<MessageDetail, 'bodyKind' | 'extras' | 'properties'>): BodyFormat {
  if (detail.bodyKind !== 'text') return detail.bodyKind;
  const markdown = isMarkdownType(detail.extras?.contentType) || isMarkdownType(detail.properties?.contentType);
  return markdown ? 'markdown' : 'text';
}

/**
 * The message of a JSON body that says it is markdown, as ntfy's JSON publishing does (`"markdown": true`, or a
 * `content_type` of text/markdown), from `message`, `body` or `text` as the decoder reads them; null otherwise.
 */
export function markdownMessage(detail: Pick<MessageDetail, 'bodyKind' | 'body'>): string | null {
  if (detail.bodyKind !== 'json') return null;
  const value = parseJson(detail.body);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  if (fields.markdown !== true && !isMarkdownType(fields.content_type)) return null;
  const message = [fields.message, fields.body, fields.text].find((field) => typeof field === 'string');
  return message ?? null;
}
