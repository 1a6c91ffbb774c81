// Writes the app icons in assets/ from the same renderer the tray uses, so the packaged app and its tray
// icon always look alike. Run after changing tray-icon.ts:   node scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTrayIcon } from '../src/main/core/badge/tray-icon.ts';

const assets = fileURLToPath(new URL('../assets/', import.meta.url));

/** File name → edge in pixels. icon.png serves Linux; macOS and Windows want at least 512 / 256. */
const ICONS: Record<string, number> = {
  'icon.png': 256,
  'icon-512.png': 512,
};

mkdirSync(assets, { recursive: true });
for (const [name, size] of Object.entries(ICONS)) {
  writeFileSync(join(assets, name), renderTrayIcon(0, { size }));
  console.log(`wrote assets/${name} (${size}×${size})`);
}
