// A binary body reaches the detail view as main's hex dump (`hexdump -C` layout: offset, 16 bytes, ASCII);
// the bytes are read back from it here to show them as base64 too, without a second copy over the contract.

/** Characters of one dump line before the hex bytes ("00000010  ") and the width of the hex column. */
const OFFSET_WIDTH = 10;
const HEX_WIDTH = 47;

export function bytesFromHexDump(dump: string): Uint8Array {
  const bytes: number[] = [];
  for (const line of dump.split('\n')) {
    const hex = line.slice(OFFSET_WIDTH, OFFSET_WIDTH + HEX_WIDTH).trim();
    if (!hex) continue;
    for (const pair of hex.split(/\s+/)) {
      const byte = Number.parseInt(pair, 16);
      if (/^[0-9a-f]{2}$/i.test(pair) && !Number.isNaN(byte)) bytes.push(byte);
    }
  }
  return Uint8Array.from(bytes);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...bytes) overflows the call stack on large payloads.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Plain hex ("0a1bff"), for copying the bytes without the dump's offsets and ASCII column. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
