// Sources in groups, duplicated and reordered, in Chromium against the real headless server: a group typed in
// the form becomes a section of the list, Duplicate makes an "(copy)" that is off, and the arrows move a source
// within its group (the order is saved: it is the same after a reload).
import { describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

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
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
