// The Broker page's QR code of a LAN address: one unit square per dark module, the finder patterns in three
// corners, a size that grows with the text; loopback addresses get no QR code (a phone cannot reach them).
import { describe, expect, test } from 'vitest';
import { encode } from 'uqr';
import { qrPath, reachableFromLan } from '../../../src/renderer/broker/qr-path.ts';

describe('QR code of a listener URL', () => {
  test('draws every dark module once, finder patterns included', () => {
    const url = 'mqtt://192.168.1.20:1883';
    const { size, path } = qrPath(url);
    const { data } = encode(url, { ecc: 'M', border: 0 });
    expect(size).toBe(data.length);
    expect(path.match(/M\d+ \d+h1v1h-1z/g)).toHaveLength(data.flat().filter(Boolean).length);
    // The three finder patterns' outer corners are dark; the module inside their ring is light.
    for (const [x, y] of [
      [0, 0],
      [size - 1, 0],
      [0, size - 1],
    ]) {
      expect(path).toContain(`M${x} ${y}h1v1h-1z`);
    }
    expect(path).not.toContain('M1 1h1v1h-1z');
    expect(qrPath(`${url}/and/a/much/longer/path/that/needs/more/modules`).size).toBeGreaterThan(size);
  });

  test('only for addresses other computers can reach', () => {
    expect(reachableFromLan('mqtt://192.168.1.20:1883')).toBe(true);
    expect(reachableFromLan('ws://herald.local:9001/mqtt')).toBe(true);
    expect(reachableFromLan('mqtt://127.0.0.1:1883')).toBe(false);
    expect(reachableFromLan('mqtt://localhost:1883')).toBe(false);
    expect(reachableFromLan('mqtt://[::1]:1883')).toBe(false);
    expect(reachableFromLan('not a url')).toBe(false);
  });
});
