// Message actions in the browser against the real headless server: pin (stays on top as messages arrive), mark
// unread, bulk select with ctrl/shift-click and the keyboard, bulk delete, and mark all read, with the unread
// count in the toolbar and the tab title agreeing with the rows at every step, and after a reload; and the
// sidebar's tree of sources and topics, whose unread counts follow messages as they arrive and are read.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mosquittoPub, mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

const row = (page: Page, text: string) => messageRows(page).filter({ hasText: text });
const previews = (page: Page) => page.locator('[data-testid="message-row"] .row-preview').allTextContents();
const unreadRows = (page: Page) => page.locator('[data-testid="message-row"][data-read="false"]').count();
const actions = (page: Page) => page.getByRole('toolbar', { name: 'Selected messages' });
const treeRow = (page: Page, label: string) =>
  page.locator('.tree-row', { has: page.locator('.tree-label', { hasText: new RegExp(`^${label}$`) }) });
/** The sidebar refreshes after a burst of arrivals settles (at most twice a second). */
const TREE_WAIT = { timeout: 5000 };
/** A tree node's unread count; null when it has none unread (no count is shown). */
const treeCount = async (page: Page, label: string) => {
  const count = treeRow(page, label).locator('.tree-count');
  return (await count.count()) === 0 ? null : count.textContent();
};

/** The tab title, the toolbar's count and the rows all say `unread` (every row is loaded in this test). */
async function expectUnread(page: Page, unread: number): Promise<void> {
  await expect.poll(() => page.title()).toBe(unread === 0 ? 'Herald' : `(${unread}) Herald`);
  await expect
    .poll(() => page.getByTestId('unread-count').textContent())
    .toMatch(unread === 0 ? /All read|全部已读/ : new RegExp(`^${unread}\\b`));
  await expect.poll(() => unreadRows(page)).toBe(unread);
}

describe('inbox actions', () => {
  const env = useHeraldAndBrowser();

  it('pins, marks unread, bulk deletes and marks all read, with the counts agreeing', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    const port = env.server.brokerPort!;
    try {
      await mosquittoPub(port, 'herald/act', ['alpha', 'bravo', 'charlie', 'delta', 'echo']);
      await row(page, 'echo').waitFor();
      await expectUnread(page, 5);

      // Pin: opening bravo marks it read; pinned, it moves to the top and stays there as messages arrive.
      await row(page, 'bravo').click();
      await expectUnread(page, 4);
      await actions(page).getByRole('button', { name: 'Pin' }).click();
      await expect.poll(() => row(page, 'bravo').getAttribute('data-pinned')).toBe('true');
      await mosquittoPubOne(port, 'herald/act', 'foxtrot');
      await row(page, 'foxtrot').waitFor();
      expect(await previews(page)).toEqual(['bravo', 'foxtrot', 'echo', 'delta', 'charlie', 'alpha']);

      // Mark unread the open message.
      await actions(page).getByRole('button', { name: 'Mark unread' }).click();
      await expect.poll(() => row(page, 'bravo').getAttribute('data-read')).toBe('false');
      await expectUnread(page, 6);

      // Bulk: open echo, then shift+down twice selects echo, delta and charlie; ctrl-click adds alpha.
      await row(page, 'echo').click();
      await expectUnread(page, 5);
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+ArrowDown');
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('3 selected');
      await row(page, 'alpha').click({ modifiers: ['Control'] });
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('4 selected');
      // Space on the keyboard's row (alpha, the last toggled) takes it out again.
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('3 selected');
      await actions(page).getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => previews(page)).toEqual(['bravo', 'foxtrot', 'alpha']);
      await expectUnread(page, 3);
      await expect.poll(() => page.getByTestId('unread-count').textContent()).toContain('3 total');

      // Shift-click selects a run too; mark read on it.
      await row(page, 'foxtrot').click({ modifiers: ['Control'] });
      await row(page, 'alpha').click({ modifiers: ['Shift'] });
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('2 selected');
      await actions(page).getByRole('button', { name: 'Mark read' }).click();
      await expectUnread(page, 1);

      // Mark all read; a message that arrives afterwards is unread.
      await page.getByRole('button', { name: 'Mark all read' }).click();
      await expectUnread(page, 0);
      await page.reload();
      await row(page, 'alpha').waitFor();
      await expectUnread(page, 0);
      expect(await previews(page)).toEqual(['bravo', 'foxtrot', 'alpha']);
      await mosquittoPubOne(port, 'herald/act', 'golf');
      await row(page, 'golf').waitFor();
      await expectUnread(page, 1);
      expect(await previews(page)).toEqual(['bravo', 'golf', 'foxtrot', 'alpha']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the sidebar counts in step with arriving and read messages, and filters by a node', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    const port = env.server.brokerPort!;
    try {
      await messageRows(page).first().waitFor();
      await page.getByRole('button', { name: 'Mark all read' }).click();
      await expectUnread(page, 0);
      await expect.poll(() => treeCount(page, 'Local broker'), TREE_WAIT).toBeNull();

      await mosquittoPub(port, 'herald/side/kitchen', ['k1', 'k2']);
      await mosquittoPubOne(port, 'herald/side/door', 'd1');
      await expect.poll(() => treeCount(page, 'Local broker'), TREE_WAIT).toBe('3');
      await treeRow(page, 'herald').getByRole('button', { name: 'Expand' }).click();
      await treeRow(page, 'side').getByRole('button', { name: 'Expand' }).click();
      expect(await treeCount(page, 'side')).toBe('3');
      expect(await treeCount(page, 'kitchen')).toBe('2');
      expect(await treeCount(page, 'door')).toBe('1');

      // A node filters the list; opening a message there counts down every node above it, and the badge.
      await treeRow(page, 'kitchen').locator('.tree-node').click();
      await expect.poll(() => previews(page)).toEqual(['k2', 'k1']);
      await row(page, 'k1').click();
      await expect.poll(() => treeCount(page, 'kitchen'), TREE_WAIT).toBe('1');
      expect(await treeCount(page, 'side')).toBe('2');
      await expect.poll(() => page.title()).toBe('(2) Herald');

      await treeRow(page, 'kitchen').locator('.tree-node').click();
      await mosquittoPubOne(port, 'herald/side/door', 'd2');
      await expect.poll(() => treeCount(page, 'door'), TREE_WAIT).toBe('2');
      await expect.poll(() => treeCount(page, 'Local broker'), TREE_WAIT).toBe('3');
      await expect.poll(() => page.title()).toBe('(3) Herald');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
