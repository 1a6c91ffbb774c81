// The decode stage: what a source handed over becomes what the store writes. The envelope passes through
// untouched; the content is decoded from the raw payload, or taken from the fields a push server separated.
import { decode, type DecodeOptions } from '../decode/decode.ts';
import { decodeFields } from '../decode/decode-fields.ts';
import type { IncomingMessage, NewMessage } from '../messages.ts';

const NO_PAYLOAD = new Uint8Array(0);

export function toNewMessage(message: IncomingMessage, options: DecodeOptions): NewMessage {
  const { payload, fields, ...envelope } = message;
  const decoded = fields ? decodeFields(fields, options) : decode(payload ?? NO_PAYLOAD, options);
  return { ...envelope, ...decoded };
}
