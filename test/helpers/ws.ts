import type { RawData } from 'ws';
import { frameBytes } from '../../src/main/core/ws-frames.ts';

/** A ws message (one Buffer, fragments, or an ArrayBuffer) as UTF-8 text. */
export function frameText(data: RawData): string {
  return frameBytes(data).toString('utf8');
}
