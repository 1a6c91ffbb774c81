// An administrator's policy in Chromium against the real headless server: a locked source is marked and offers
// no Edit or Remove, locked rules are read-only with the note naming the policy file, and what is not locked
// (the other sources, the Settings page) works as usual.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

const policyDir = mkdtempSync(join(tmpdir(), 'herald-e2e-policy-'));
const policyFile = join(policyDir, 'policy.json');
writeFileSync(
  policyFile,
  JSON.stringify({
    version: 1,
    sources: [
      {
        id: 'office',
        kind: 'ntfy',
        name: 'Office alerts',
        url: 'http://127.0.0.1:9',
        topics: ['alerts'],
        enabled: false,
        locked: true,
      },
    ],
    rules: { version: 1, rules: [{ name: 'Quiet noise', match: { topic: 'noise/#' }, action: 'drop' }] },
    lock: ['rules'],
  }),
);
afterAll(() => rmSync(policyDir, { recursive: true, force: true }));

describe('administrator policy', () => {
  const env = useHeraldAndBrowser({ env: { HERALD_POLICY: policyFile } });

  it('shows a locked source and locked rules read-only, the rest editable', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      const nav = page.getByRole('navigation', { name: 'Pages' });
      await nav.getByRole('button', { name: 'Sources' }).click();
      const sources = page.locator('.sources-page');
      const office = sources.getByRole('listitem', { name: 'Office alerts' });
      await office.getByText('locked by policy').waitFor();
      expect(await office.getByRole('button', { name: /Edit/ }).count()).toBe(0);
      expect(await office.getByRole('button', { name: /Remove/ }).count()).toBe(0);
      const local = sources.getByRole('listitem', { name: 'Local broker' });
      await local.getByRole('button', { name: 'Edit Local broker' }).waitFor();
      expect(await sources.getByRole('button', { name: 'Add source' }).count()).toBe(1);

      await nav.getByRole('button', { name: 'Rules' }).click();
      const rules = page.locator('.rules-page');
      const note = rules.getByRole('note');
      await expect.poll(() => note.textContent()).toContain(policyFile);
      expect(await rules.getByRole('button', { name: 'Add rule' }).count()).toBe(0);
      await rules.getByText('Quiet noise').waitFor();
      const controls = rules.locator('.rule-list button, .rule-list input');
      expect(await controls.count()).toBeGreaterThan(0);
      for (const control of await controls.all()) expect(await control.isDisabled()).toBe(true);

      await nav.getByRole('button', { name: 'Settings' }).click();
      const settings = page.locator('.settings-page');
      expect(await settings.getByLabel('Burst window (seconds)').isDisabled()).toBe(false);
      expect(await settings.getByRole('note').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
