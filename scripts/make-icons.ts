// Writes the app icons in assets/ from the same renderer the tray uses, so the packaged app and its tray icon
// always look alike. The files are committed, so a build needs no generation step; test/scripts/icons.test.ts
// fails when they no longer match what this script writes. Run after changing tray-icon.ts or tray-template.ts:
//   npx node scripts/make-icons.ts   (npx: the Node 22 the project brings, which runs TypeScript as is)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTrayIcon } from '../src/main/core/badge/tray-icon.ts';
import { renderTrayTemplate } from '../src/main/core/badge/tray-template.ts';

export const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));

/** Linux's icon set (electron-builder's `linux.icon: assets/icons`, one NxN.png per size). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Windows' .ico: the sizes Explorer, the taskbar and the installer ask for; 256 is the largest ICO holds. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** macOS' .icns: the PNG-carrying entry types and their edge in pixels (ic10-ic14 are the @2x ones). */
export const ICNS_ENTRIES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
] as const;
/** The macOS menu-bar template image: 16 px, and 32 px for Retina (the `@2x` file Electron pairs with it). */
export const TRAY_TEMPLATE_SIZE = 16;

/** Every file this script writes, by path relative to assets/. */
export function iconFiles(): Map<string, Buffer> {
  const rendered = new Map<number, Buffer>();
  const icon = (size: number) => {
    let png = rendered.get(size);
    if (!png) rendered.set(size, (png = renderTrayIcon(0, { size })));
    return png;
  };
  const files = new Map<string, Buffer>([
    // icon.png and icon-512.png: the general-purpose app icon, for anything that wants one PNG.
    ['icon.png', icon(256)],
    ['icon-512.png', icon(512)],
    ['icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: icon(size) })))],
    ['icon.icns', encodeIcns(ICNS_ENTRIES.map(([type, size]) => ({ type, png: icon(size) })))],
    ['trayTemplate.png', renderTrayTemplate({ size: TRAY_TEMPLATE_SIZE })],
    ['trayTemplate@2x.png', renderTrayTemplate({ size: TRAY_TEMPLATE_SIZE * 2 })],
  ]);
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, icon(size));
  return files;
}

/**
 * An ICO container holding PNG images (Windows Vista and later read them): a 6-byte ICONDIR, a 16-byte
 * ICONDIRENTRY per image (a width or height of 0 means 256), then each PNG as it is.
 */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon (2 would be a cursor)
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    if (size < 1 || size > 256) throw new Error(`an ICO image is 1 to 256 pixels, not ${size}`);
    const entry = 6 + 16 * i;
    header.writeUInt8(size === 256 ? 0 : size, entry);
    header.writeUInt8(size === 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** An ICNS container: 'icns' and the total length (big-endian), then per entry its type, its length and a PNG. */
export function encodeIcns(entries: readonly { type: string; png: Buffer }[]): Buffer {
  const parts = entries.map(({ type, png }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`an ICNS entry type is 4 ASCII characters, not "${type}"`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function main(): void {
  for (const [name, bytes] of iconFiles()) {
    const file = join(ASSETS, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    console.log(`wrote assets/${name} (${bytes.length.toLocaleString('en')} bytes)`);
  }
}

// Imported by the test to compare; run as a script to write.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
