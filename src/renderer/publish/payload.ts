// What the payload editor checks before sending: JSON, when the user said it is JSON.
import { MAX_BRIDGED_PAYLOAD_BYTES } from '../../shared/publish.ts';

export type PayloadFormat = 'text' | 'json';

/** Why the payload is not valid in this format (or too large for the panel), or null when it is. */
export function payloadProblem(payload: string, format: PayloadFormat): string | null {
  // Characters first: a payload this short cannot be over the limit in bytes either.
  if (payload.length * 3 > MAX_BRIDGED_PAYLOAD_BYTES) {
    const bytes = new TextEncoder().encode(payload).length;
    if (bytes > MAX_BRIDGED_PAYLOAD_BYTES) {
      return `The payload is ${Math.ceil(bytes / 1024)} KiB; the Publish panel sends up to ${MAX_BRIDGED_PAYLOAD_BYTES / 1024} KiB (use herald publish for larger ones)`;
    }
  }
  if (format !== 'json') return null;
  try {
    JSON.parse(payload);
    return null;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
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
