// What the payload editor checks before sending: JSON, when the user said it is JSON.
import { MAX_BRIDGED_PAYLOAD_BYTES } from '../../shared/publish.ts';
import type { Translate } from '../i18n/i18n.ts';

export type PayloadFormat = 'text' | 'json';

/** Why the payload is not valid in this format (or too large for the panel), or null when it is. */
export function payloadProblem(payload: string, format: PayloadFormat, t: Translate): string | null {
  // Characters first: a payload this short cannot be over the limit in bytes either.
  if (payload.length * 3 > MAX_BRIDGED_PAYLOAD_BYTES) {
    const bytes = new TextEncoder().encode(payload).length;
    if (bytes > MAX_BRIDGED_PAYLOAD_BYTES) {
      return t('publish.tooLarge', { size: Math.ceil(bytes / 1024), limit: MAX_BRIDGED_PAYLOAD_BYTES / 1024 });
    }
  }
  if (format !== 'json') return null;
  try {
    JSON.parse(payload);
    return null;
  } catch (err) {
    return t('publish.badJson', { error: (err as Error).message });
  }
}

/** The JSON payload laid out with two-space indents; unchanged when it does not parse. */
export function formatJson(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}
