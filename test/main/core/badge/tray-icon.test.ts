import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { BACKGROUND, BADGE_RED, badgeText, renderTrayIcon } from '../../../../src/main/core/badge/tray-icon.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function decode(buffer: Buffer): PNG {
  return PNG.sync.read(buffer);
}

/** Fully opaque pixels of exactly this colour (anti-aliased edges are blends and do not count). */
function countColor(png: PNG, [r, g, b]: readonly number[]): number {
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b && png.data[i + 3] === 255) count++;
  }
  return count;
}

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

describe('renderTrayIcon', () => {
  test('is a valid PNG of the requested size (32 by default)', () => {
    const icon = renderTrayIcon(0);
    expect(icon.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const png = decode(icon);
    expect([png.width, png.height]).toEqual([32, 32]);
    const small = decode(renderTrayIcon(5, { size: 16 }));
    expect([small.width, small.height]).toEqual([16, 16]);
  });

  test('has no badge red without unread messages, and a red badge for 1', () => {
    expect(countColor(decode(renderTrayIcon(0)), BADGE_RED)).toBe(0);
    const one = decode(renderTrayIcon(1));
    expect(countColor(one, BADGE_RED)).toBeGreaterThan(20);
    // The badge sits in the top-right corner, the bottom-left stays background.
    expect(countColor(one, BACKGROUND.ok)).toBeGreaterThan(100);
    expect(pixel(one, 4, 28)).toEqual([...BACKGROUND.ok, 255]);
  });

  test('draws the number: 3 and 4 differ, and both differ from no badge', () => {
    const three = renderTrayIcon(3);
    const four = renderTrayIcon(4);
    expect(three.equals(four)).toBe(false);
    expect(three.equals(renderTrayIcon(0))).toBe(false);
    // White digit pixels inside the red badge: the glyphs are not just the same blob.
    const whiteInBadge = (png: PNG) => {
      const lit: string[] = [];
      for (let y = 0; y < 16; y++)
        for (let x = 16; x < 32; x++) if (pixel(png, x, y).join() === '255,255,255,255') lit.push(`${x},${y}`);
      return lit;
    };
    expect(whiteInBadge(decode(three))).not.toEqual(whiteInBadge(decode(four)));
  });

  test('caps the badge at "99+": 100 and 150 render the same image, 99 does not', () => {
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(0)).toBe('');
    expect(renderTrayIcon(100).equals(renderTrayIcon(150))).toBe(true);
    expect(renderTrayIcon(99).equals(renderTrayIcon(100))).toBe(false);
  });

  test('is deterministic, and paused / state change the picture', () => {
    expect(renderTrayIcon(7).equals(renderTrayIcon(7))).toBe(true);
    const base = renderTrayIcon(7);
    expect(base.equals(renderTrayIcon(7, { paused: true }))).toBe(false);
    expect(base.equals(renderTrayIcon(7, { state: 'error' }))).toBe(false);
    expect(countColor(decode(renderTrayIcon(0, { state: 'warning' })), BACKGROUND.warning)).toBeGreaterThan(100);
  });

  test('renders at the sizes the OSes ask for', () => {
    for (const size of [16, 22, 24, 32, 64, 256]) {
      const png = decode(renderTrayIcon(12, { size }));
      expect(png.width).toBe(size);
      expect(countColor(png, BADGE_RED)).toBeGreaterThan(0);
    }
  });
});

test('the committed app icons are what scripts/make-icons.ts renders (regenerate after changing the drawing)', () => {
  const assets = new URL('../../../../assets/', import.meta.url);
  expect(readFileSync(new URL('icon.png', assets)).equals(renderTrayIcon(0, { size: 256 }))).toBe(true);
  expect(readFileSync(new URL('icon-512.png', assets)).equals(renderTrayIcon(0, { size: 512 }))).toBe(true);
});
