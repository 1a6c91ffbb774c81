// "Test connection" in the real UI: on a saved source (the embedded broker: every step passes) and in the add
// form on values not saved yet (a stopped port: the TCP step fails with its reason, and nothing is saved).
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.ts';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('test connection', () => {
  const started = useHeraldAndBrowser();

  it('on a saved source lists every step with its time, all passed', async () => {
    const { context, page, errors } = await openHerald(started.browser, started.server);
    try {
      await page.getByRole('button', { name: 'Sources' }).click();
      const embedded = page.getByTestId('source-item').filter({ hasText: 'embedded broker' });
      await embedded.getByRole('button', { name: /^Test connection to / }).click();
      const steps = embedded.getByRole('list', { name: 'Connection test' }).locator('li');
      await expect.poll(() => steps.count(), { timeout: 15_000 }).toBe(5);
      expect(await steps.locator('.step-name').allTextContents()).toEqual([
        'DNS lookup',
        'TCP connect',
        'TLS handshake',
        'Authentication',
        'Subscription',
      ]);
      expect(await steps.locator('.step-status').allTextContents()).toEqual([
        'passed',
        'passed',
        'skipped',
        'passed',
        'passed',
      ]);
      expect(await steps.first().locator('.step-ms').textContent()).toMatch(/^\d+ ms$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('in the add form names the failing step for values not saved yet', async () => {
    const { context, page } = await openHerald(started.browser, started.server);
    try {
      await page.getByRole('button', { name: 'Sources' }).click();
      await page.getByRole('button', { name: 'Add source' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Nowhere');
      await page.getByLabel('Broker URL').fill(`mqtt://127.0.0.1:${await freePort()}`);
      await page.getByLabel('Topic filter 1').fill('a/#');
      await page.getByRole('button', { name: 'Test connection to Nowhere' }).click();
      const failed = page.getByRole('list', { name: 'Connection test' }).locator('li.failed');
      await failed.waitFor({ timeout: 15_000 });
      expect(await failed.locator('.step-name').textContent()).toBe('TCP connect');
      expect(await failed.locator('.step-detail').textContent()).toContain('connection refused');
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(await page.getByTestId('source-item').filter({ hasText: 'Nowhere' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
