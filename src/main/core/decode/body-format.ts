// How a stored body is shown in the detail view: JSON pretty-printed with its numbers exactly as sent, binary
// as a hex dump, text as it is. Decoding decides the kind on the way in; this is the same knowledge on the
// way out, so it lives beside it.
import type { BodyKind } from '../../../shared/model.ts';

/** The body as the detail view shows it. `raw` holds the bytes of a binary body. */
export function formatBody(kind: BodyKind, body: string, raw: Uint8Array | null): string {
  switch (kind) {
    case 'binary':
      return hexDump(raw);
    case 'json':
      return prettyJson(body);
    case 'text':
      return body;
  }
}

type JsonWithSource = typeof JSON & { rawJSON?: (text: string) => unknown };
const rawJSON = (JSON as JsonWithSource).rawJSON;

/**
 * Pretty-prints while keeping numbers exactly as sent: a 64-bit id like 12345678901234567890 must not be shown
 * rounded to 12345678901234567000 (JSON.rawJSON re-emits the source text, where the runtime has it).
 */
export function prettyJson(text: string): string {
  try {
    const keepNumbers =
      rawJSON === undefined
        ? undefined
        : (_key: string, value: unknown, context?: { source?: string }) =>
            typeof value === 'number' && context?.source !== undefined ? rawJSON(context.source) : value;
    return JSON.stringify(JSON.parse(text, keepNumbers as Parameters<typeof JSON.parse>[1]), null, 2);
  } catch {
    return text;
  }
}

const PRINTABLE_FIRST = 0x20;
const PRINTABLE_LAST = 0x7e;

/** `hexdump -C` layout: offset, 16 bytes in hex, then the printable ASCII (others as '.') to spot strings. */
export function hexDump(bytes: Uint8Array | null): string {
  if (bytes === null || bytes.length === 0) return '';
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const end = Math.min(offset + 16, bytes.length);
    let hex = '';
    let ascii = '';
    for (let i = offset; i < end; i++) {
      const byte = bytes[i]!;
      hex += (i === offset ? '' : ' ') + byte.toString(16).padStart(2, '0');
      ascii += byte >= PRINTABLE_FIRST && byte <= PRINTABLE_LAST ? String.fromCharCode(byte) : '.';
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return lines.join('\n');
}
