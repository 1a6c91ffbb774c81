// The committed icons in assets/: exactly what scripts/make-icons.ts writes (so a build needs no generation
// step and a change to the drawing cannot ship stale icons), each container read back with its own format's
// rules, and electron-builder.yml pointing every platform at them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import {
  ASSETS,
  encodeIco,
  ICNS_ENTRIES,
  ICO_SIZES,
  iconFiles,
  LINUX_SIZES,
  TRAY_TEMPLATE_SIZE,
} from '../../scripts/make-icons.ts';

const asset = (name: string) => readFileSync(join(ASSETS, name));
const dimensions = (png: Buffer) => {
  const image = PNG.sync.read(png);
  return [image.width, image.height];
};

/** The ICO's directory as written on disk: one row per image, its PNG cut out by offset and length. */
function readIco(file: Buffer) {
  expect(file.readUInt16LE(0)).toBe(0);
  expect(file.readUInt16LE(2)).toBe(1);
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const length = file.readUInt32LE(entry + 8);
    const offset = file.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(file.length);
    return {
      width: file.readUInt8(entry) || 256,
      height: file.readUInt8(entry + 1) || 256,
      planes: file.readUInt16LE(entry + 4),
      bits: file.readUInt16LE(entry + 6),
      png: file.subarray(offset, offset + length),
    };
  });
}

function readIcns(file: Buffer) {
  expect(file.toString('latin1', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const entries: { type: string; png: Buffer }[] = [];
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    entries.push({ type: file.toString('latin1', at, at + 4), png: file.subarray(at + 8, at + length) });
    at += length;
  }
  return entries;
}

test('every icon in assets/ is what scripts/make-icons.ts writes', () => {
  const files = iconFiles();
  for (const [name, bytes] of files) expect(asset(name).equals(bytes), `assets/${name} is stale`).toBe(true);
  // No stray sizes in the Linux icon set either.
  expect(readdirSync(join(ASSETS, 'icons')).sort()).toEqual(
    [...files.keys()]
      .filter((name) => name.startsWith('icons/'))
      .map((name) => name.slice(6))
      .sort(),
  );
});

test('the Linux icon set has one NxN.png per size, each really N by N', () => {
  expect(readdirSync(join(ASSETS, 'icons')).length).toBe(LINUX_SIZES.length);
  for (const size of LINUX_SIZES) expect(dimensions(asset(`icons/${size}x${size}.png`))).toEqual([size, size]);
});

describe('icon.ico', () => {
  test('holds a 32-bit PNG per size, 16 to 256, whose pixels match its directory entry', () => {
    const images = readIco(asset('icon.ico'));
    expect(images.map((image) => image.width)).toEqual([...ICO_SIZES]);
    for (const image of images) {
      expect([image.width, image.height, image.planes, image.bits]).toEqual([image.width, image.width, 1, 32]);
      expect(image.png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
      expect(dimensions(image.png)).toEqual([image.width, image.height]);
    }
  });

  test('256 pixels is written as 0 and anything larger is refused', () => {
    const png = PNG.sync.write(new PNG({ width: 1, height: 1 }));
    const ico = encodeIco([{ size: 256, png }]);
    expect([ico.readUInt8(6), ico.readUInt8(7)]).toEqual([0, 0]);
    expect(ico.readUInt32LE(6 + 12)).toBe(22);
    expect(() => encodeIco([{ size: 512, png }])).toThrow(/1 to 256 pixels, not 512/);
  });
});

test('icon.icns holds a PNG of the right size under each entry type', () => {
  const entries = readIcns(asset('icon.icns'));
  expect(entries.map((entry) => entry.type)).toEqual(ICNS_ENTRIES.map(([type]) => type));
  for (const [i, [, size]] of ICNS_ENTRIES.entries()) expect(dimensions(entries[i]!.png)).toEqual([size, size]);
});

test('the tray template images are black with alpha only, at 1x and 2x', () => {
  for (const [name, size] of [
    ['trayTemplate.png', TRAY_TEMPLATE_SIZE],
    ['trayTemplate@2x.png', TRAY_TEMPLATE_SIZE * 2],
  ] as const) {
    const image = PNG.sync.read(asset(name));
    expect([image.width, image.height]).toEqual([size, size]);
    let opaque = 0;
    let clear = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      expect([image.data[i], image.data[i + 1], image.data[i + 2]], `${name} pixel ${i / 4}`).toEqual([0, 0, 0]);
      if (image.data[i + 3] === 255) opaque++;
      if (image.data[i + 3] === 0) clear++;
    }
    // A bell with room around it: neither blank nor a filled square.
    expect(opaque).toBeGreaterThan(size * size * 0.15);
    expect(clear).toBeGreaterThan(size * size * 0.3);
  }
});

test('electron-builder.yml gives each platform its icons', () => {
  const config = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
  const iconOf = (platform: string) =>
    new RegExp(`^${platform}:\\n(?:[ #].*\\n|\\n)*?  icon: (\\S+)$`, 'm').exec(config)?.[1];
  expect([iconOf('linux'), iconOf('mac'), iconOf('win')]).toEqual([
    'assets/icons',
    'assets/icon.icns',
    'assets/icon.ico',
  ]);
});
