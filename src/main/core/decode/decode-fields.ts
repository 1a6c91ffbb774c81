// The decode stage for messages whose server already separated title, body and priority (ntfy, Gotify,
// mapped JSON frames): only the cap, the preview and the clamping are left to do.
import { Buffer } from 'node:buffer';
import type { PushFields } from '../messages.ts';
import { collapsedPreview, TITLE_MAX_CHARS, utf8SafeCut, type DecodeOptions } from './decode.ts';
import type { Decoded } from './types.ts';

export function decodeFields(fields: PushFields, options: DecodeOptions): Decoded {
  const bytes = Buffer.from(fields.body, 'utf8');
  const truncated = bytes.length > options.maxBytes;
  const body = truncated ? bytes.subarray(0, utf8SafeCut(bytes, options.maxBytes)).toString('utf8') : fields.body;
  const title = fields.title?.trim().slice(0, TITLE_MAX_CHARS).trimEnd() || null;
  const priority = Math.min(5, Math.max(1, Math.round(fields.priority ?? 3))) || 3;
  return {
    title,
    preview: collapsedPreview(body),
    body,
    bodyKind: 'text',
    priority,
    truncated,
    size: bytes.length,
    raw: null,
    ...(fields.extras ? { extras: fields.extras } : {}),
  };
}
