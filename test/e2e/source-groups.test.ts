// Sources in groups, duplicated and reordered, in Chromium against the real headless server: a group typed in
// the form becomes a section of the list, Duplicate makes an "(copy)" that is off, and the arrows move a source
// within its group (the order is saved: it is the same after a reload). The inbox sidebar shows the group too: a
// tree level above its sources that sums their unread counts, agreeing with the window title.
import { describe, expect, it } from 'vitest';
import { mosquittoPub } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

describe('source groups', () => {
  const env = useHeraldAndBrowser();

  it('groups, duplicates and reorders sources', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Sources' }).click();
      const sources = page.locator('.sources-page');
      await sources.getByRole('button', { name: 'Edit Local broker' }).click();
      await sources.getByLabel('Group').fill('Home');
      await sources.getByRole('button', { name: 'Save changes' }).click();
      const home = sources.getByRole('region', { name: 'Home' });
      await home.getByRole('heading', { name: 'Home' }).waitFor();
      await home.getByRole('listitem', { name: 'Local broker' }).waitFor();

      await home.getByRole('button', { name: 'Duplicate Local broker' }).click();
      const copy = home.getByRole('listitem', { name: 'Local broker (copy)' });
      await copy.locator('.badge', { hasText: 'disabled' }).waitFor();
      const names = () =>
        home.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
      await expect.poll(names).toEqual(['Local broker', 'Local broker (copy)']);
      expect(await home.getByRole('button', { name: 'Move Local broker up' }).isDisabled()).toBe(true);

      await home.getByRole('button', { name: 'Move Local broker (copy) up' }).click();
      await expect.poll(names).toEqual(['Local broker (copy)', 'Local broker']);
      await page.reload();
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Sources' }).click();
      await expect
        .poll(() =>
          page
            .locator('.sources-page')
            .getByRole('region', { name: 'Home' })
            .getByRole('listitem')
            .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label'))),
        )
        .toEqual(['Local broker (copy)', 'Local broker']);

      // The inbox sidebar: the group above its source, both counting the unread messages the title counts.
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Inbox' }).click();
      await mosquittoPub(env.server.brokerPort!, 'herald/grouped', ['g1', 'g2']);
      const tree = page.getByRole('tree', { name: 'Inbox tree' });
      const group = tree.locator('[role="treeitem"][data-kind="group"]');
      const groupRow = group.locator(':scope > .tree-row');
      const source = group.locator('[role="treeitem"][data-kind="source"]');
      const sourceRow = source.locator(':scope > .tree-row');
      await expect.poll(() => groupRow.locator('.tree-count').textContent(), { timeout: 5000 }).toBe('2');
      expect(await groupRow.locator('.tree-label').textContent()).toBe('Home');
      expect(await sourceRow.locator('.tree-label').textContent()).toBe('Local broker');
      expect(await sourceRow.locator('.tree-count').textContent()).toBe('2');
      await expect.poll(() => page.title()).toBe('(2) Herald');
      // The group opens and closes; it is a heading, its source filters the list.
      expect(await group.getAttribute('aria-expanded')).toBe('true');
      await groupRow.getByRole('button', { name: 'Collapse' }).click();
      expect(await group.getAttribute('aria-expanded')).toBe('false');
      expect(await source.count()).toBe(0);
      await groupRow.getByRole('button', { name: 'Expand' }).click();
      await sourceRow.locator('.tree-node').click();
      expect(await source.getAttribute('aria-selected')).toBe('true');
      // Reading a message counts down the source, the group and the title together.
      await messageRows(page).filter({ hasText: 'g1' }).click();
      await expect.poll(() => groupRow.locator('.tree-count').textContent(), { timeout: 5000 }).toBe('1');
      expect(await sourceRow.locator('.tree-count').textContent()).toBe('1');
      await expect.poll(() => page.title()).toBe('(1) Herald');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
