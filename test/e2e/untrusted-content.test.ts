// Message content is untrusted: markup in a payload must be shown as the characters it is, never parsed, and
// only http(s) URLs may become links.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

const IMG = '<img src=x onerror="window.__pwned=1">';

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
const imagesInApp = (page: Page) => page.locator('#root img').count();

describe('untrusted message content', () => {
  const env = useHeraldAndBrowser();

  it('shows an HTML payload as literal text in the list and the detail, and never runs it', async () => {
    const { context, page } = await openHerald(env.browser, env.server);
    try {
      await mosquittoPubOne(env.server.brokerPort!, 'herald/xss', IMG);
      const row = messageRows(page).filter({ hasText: 'onerror' });
      await row.waitFor();
      expect(await row.locator('.row-preview').textContent()).toBe(IMG);

      await row.click();
      await expect.poll(() => page.getByTestId('message-body').textContent()).toBe(IMG);
      // Give a would-be image load error a moment to fire.
      await page.waitForTimeout(300);
      expect(await pwned(page)).toBeUndefined();
      expect(await imagesInApp(page)).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('shows an HTML JSON title and message as literal text', async () => {
    const { context, page } = await openHerald(env.browser, env.server);
    try {
      const payload = JSON.stringify({ title: IMG, message: '<script>window.__pwned=2</script><b>bold?</b>' });
      await mosquittoPubOne(env.server.brokerPort!, 'herald/xss-json', payload);
      const row = messageRows(page).filter({ hasText: 'herald/xss-json' });
      await row.waitFor();
      expect(await row.locator('.row-title').textContent()).toBe(IMG);
      expect(await row.locator('.row-preview').textContent()).toBe('<script>window.__pwned=2</script><b>bold?</b>');

      await row.click();
      const detail = page.getByTestId('message-detail');
      await expect.poll(() => detail.getByRole('heading', { level: 2 }).textContent()).toBe(IMG);
      expect(await page.getByTestId('message-body').textContent()).toContain('<b>bold?</b>');
      await page.waitForTimeout(300);
      expect(await pwned(page)).toBeUndefined();
      expect(await imagesInApp(page)).toBe(0);
      expect(await page.locator('#root script, #root b').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('links only http(s) URLs in a body', async () => {
    const { context, page } = await openHerald(env.browser, env.server);
    try {
      const body = 'docs: https://example.com/runbook. bad: javascript:window.__pwned=3 data:text/html,<b>x</b>';
      await mosquittoPubOne(env.server.brokerPort!, 'herald/links', body);
      const row = messageRows(page).filter({ hasText: 'herald/links' });
      await row.waitFor();
      await row.click();
      const bodyElement = page.getByTestId('message-body');
      await expect.poll(() => bodyElement.textContent()).toBe(body);
      const links = bodyElement.getByRole('link');
      expect(await links.count()).toBe(1);
      expect(await links.first().getAttribute('href')).toBe('https://example.com/runbook');
      expect(await links.first().getAttribute('rel')).toContain('noopener');
    } finally {
      await context.close();
    }
  });
});
