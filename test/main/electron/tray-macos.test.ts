// The tray on macOS: a template image (black and alpha, the committed assets/trayTemplate@2x.png) that macOS
// tints for the menu bar, with the unread count as the title beside it; other platforms keep the coloured icon.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { beforeEach, expect, test, vi } from 'vitest';
import { createStubCore, source } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { createTray } = await import('../../../src/main/electron/tray.ts');

const TEMPLATE_2X = readFileSync(new URL('../../../assets/trayTemplate@2x.png', import.meta.url));

function setup(platform: NodeJS.Platform, unread: number) {
  const core = createStubCore({ unread });
  createTray({
    core,
    showWindow: () => {},
    getWindow: () => null,
    quit: () => {},
    platform,
  });
  return { core, tray: fake.Tray.instances.at(-1)! };
}

/** Whether every pixel is black (only its alpha says anything), as a template image must be. */
function blackWithAlpha(buffer: Buffer): boolean {
  const { data } = PNG.sync.read(buffer);
  for (let i = 0; i < data.length; i += 4) if (data[i] || data[i + 1] || data[i + 2]) return false;
  return data.some((value, i) => i % 4 === 3 && value === 255);
}

beforeEach(() => fake.resetFake());

test('on macOS the tray shows the template image, at 2x, and the unread count as its title', () => {
  const { core, tray } = setup('darwin', 3);
  expect(tray.image.isTemplateImage()).toBe(true);
  expect(tray.image.buffer.equals(TEMPLATE_2X)).toBe(true);
  expect(tray.image.options).toEqual({ scaleFactor: 2 });
  expect(blackWithAlpha(tray.image.buffer)).toBe(true);
  expect(tray.titles).toEqual(['3']);

  // A new count or a failing source changes the title (or nothing), never the template.
  core.emit('inbox.changed', { added: [], addedCount: 2, unread: 5, total: 5 });
  core.emit('app.state', { ...core.getState(), unread: 5, sources: [source('Office', 'error', 'ECONNREFUSED')] });
  core.emit('inbox.changed', { added: [], addedCount: 0, unread: 0, total: 5, allRead: true });
  expect(tray.images).toHaveLength(1);
  expect(tray.titles).toEqual(['3', '5', '']);
});

test('on macOS pausing notifications swaps in the struck-through template', () => {
  const { core, tray } = setup('darwin', 0);
  core.emit('app.state', { ...core.getState(), paused: true });
  expect(tray.images).toHaveLength(2);
  expect(tray.image.isTemplateImage()).toBe(true);
  expect(blackWithAlpha(tray.image.buffer)).toBe(true);
  expect(tray.image.buffer.equals(TEMPLATE_2X)).toBe(false);
  expect(tray.titles).toEqual([]);
});

test.each(['linux', 'win32'] as const)('on %s the tray keeps the coloured icon and sets no title', (platform) => {
  const { tray } = setup(platform, 3);
  expect(tray.image.isTemplateImage()).toBe(false);
  expect(blackWithAlpha(tray.image.buffer)).toBe(false);
  expect(tray.titles).toEqual([]);
});
