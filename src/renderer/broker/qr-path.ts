// A URL as a QR code for phones: the dark modules as one SVG path of unit squares (drawn by React, no markup
// strings), so the Broker page can show a LAN address a phone's MQTT app can scan.
import { encode } from 'uqr';

export interface QrPath {
  /** Modules per side (without the quiet zone). */
  size: number;
  /** `M x y h1v1h-1z` per dark module. */
  path: string;
}

export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size, path };
}

/** Addresses only this computer can reach are of no use to a phone. */
export function reachableFromLan(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return !(host === 'localhost' || host.startsWith('127.') || host === '[::1]');
  } catch {
    return false;
  }
}
