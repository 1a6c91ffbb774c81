// An HTTP polling source added through the Sources page form polls a real local endpoint with its headers,
// token and interval, stores the mapped items of the list at its items path, and sends the ETag back.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

const onSourcesPage = (page: Page) => page.locator('.sources-page');
const sourceItems = (page: Page) => page.getByTestId('source-item');

describe('HTTP polling source form', () => {
  const env = useHeraldAndBrowser();
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('adds a source that polls the endpoint and delivers its mapped items', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      if (request.headers['if-none-match'] === '"list-1"') return response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/json', etag: '"list-1"' }).end(
        JSON.stringify({
          data: { items: [{ ref: 'a-1', subject: 'Printer jammed', text: 'Tray 2 on floor 3', level: 'high' }] },
        }),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/alerts`;

    const { context, page, errors } = await openHerald(env.browser, env.server);
    cleanups.push(() => context.close());
    await page.getByRole('button', { name: 'Sources' }).click();
    await sourceItems(page).first().waitFor();
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('radio', { name: 'HTTP polling', exact: true }).check();
    const form = onSourcesPage(page);
    await form.getByLabel('Name', { exact: true }).fill('Printers');
    await form.getByLabel('Endpoint URL').fill(url);
    await page.getByRole('button', { name: 'Add header' }).click();
    await form.getByLabel('Header name 1').fill('X-Site');
    await form.getByLabel('Header value 1').fill('hq');
    await form.getByLabel('Token', { exact: true }).fill('tok-9');
    await form.getByLabel('Interval (seconds)').fill('1');
    await form.getByLabel('Items path').fill('data.items');
    await form.getByLabel('Title path').fill('subject');
    await form.getByLabel('Body path').fill('text');
    await form.getByLabel('Priority path').fill('level');
    await form.getByLabel('ID path').fill('ref');
    await page.getByRole('button', { name: 'Add source' }).click();

    const item = sourceItems(page).filter({ hasText: 'Printers' });
    await item.waitFor();
    await expect.poll(() => item.locator('.state-word').textContent(), { timeout: 10_000 }).toBe('connected');
    expect(await item.textContent()).toContain('HTTP polling · asked every 1 s');
    expect(seen[0]).toMatchObject({ authorization: 'Bearer tok-9', 'x-site': 'hq' });
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(seen[1]!['if-none-match']).toBe('"list-1"');

    await page.getByRole('button', { name: /^Inbox/ }).click();
    const row = messageRows(page).filter({ hasText: 'Printer jammed' });
    await row.waitFor();
    expect(await row.locator('.row-preview').textContent()).toBe('Tray 2 on floor 3');
    expect(await row.locator('.badge').allTextContents()).toContain('High');
    expect(errors).toEqual([]);
  });
});
