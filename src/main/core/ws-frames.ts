// A WebSocket message as `ws` hands it over (one Buffer, fragments, or an ArrayBuffer) as one Buffer.
import { Buffer } from 'node:buffer';
import type { RawData } from 'ws';

export function frameBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
