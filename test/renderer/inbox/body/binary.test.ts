// Binary bodies arrive as main's hex dump; the detail view reads the bytes back from it for base64 and hex.
import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../../src/main/core/decode/body-format.ts';
import { bytesFromHexDump, toBase64, toHex } from '../../../../src/renderer/inbox/body/binary.ts';

describe('binary bodies', () => {
  it('reads every byte back from the dump, whatever the ASCII column holds', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    // A byte that prints as '|' or spaces in the ASCII column must not confuse the reading.
    bytes.set([0x7c, 0x20, 0x20, 0x7c], 16);
    const back = bytesFromHexDump(hexDump(bytes));
    expect([...back]).toEqual([...bytes]);
    expect(bytesFromHexDump('')).toHaveLength(0);
  });

  it('shows base64 and plain hex', () => {
    const bytes = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x48, 0x69]);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toHex(bytes)).toBe('deadbeef004869');
    const large = new Uint8Array(200_000).fill(0xab);
    expect(toBase64(large)).toBe(Buffer.from(large).toString('base64'));
  });
});
