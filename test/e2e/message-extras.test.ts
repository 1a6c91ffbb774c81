// What push servers add to a message, end to end through an ntfy source: the click link, tags, attachment,
// icon (as text, never loaded), a Markdown body rendered safely, and action buttons that main runs. A
// message deleted at the server leaves the list and closes its detail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeNtfy, type FakeNtfy } from './fake-ntfy.ts';
import { messageRows, openHerald, useHeraldAndBrowser, type OpenedPage } from './harness.ts';

const NOT_YET = 'ntfy sources are not available yet';

let sequence = 0;
function ntfyMessage(fields: Record<string, unknown>) {
  const now = Math.floor(Date.now() / 1000);
  sequence += 1;
  return {
    id: `msg${String(sequence).padStart(9, '0')}`,
    time: now,
    expires: now + 43_200,
    event: 'message',
    topic: 'garage',
    ...fields,
  };
}

async function addNtfySource(page: Page, ntfy: FakeNtfy): Promise<'connected' | 'unavailable'> {
  await page.getByRole('button', { name: 'Sources' }).click();
  await page.getByRole('button', { name: 'Add source' }).click();
  await page.getByRole('radio', { name: 'ntfy', exact: true }).check();
  await page.getByLabel('Name', { exact: true }).fill('Home ntfy');
  await page.getByLabel('Server URL').fill(ntfy.url);
  await page.getByLabel('ntfy topic 1', { exact: true }).fill('garage');
  await page.getByRole('button', { name: 'Add source' }).click();
  const item = page.getByTestId('source-item').filter({ hasText: 'Home ntfy' });
  const connected = item.locator('.state-word', { hasText: /^connected$/ });
  await connected.or(item.getByText(NOT_YET)).waitFor();
  if ((await connected.count()) === 0) return 'unavailable';
  // Connected means the live stream is open: what is published from now on reaches Herald.
  for (let i = 0; i < 100 && ntfy.streams() === 0; i++) await page.waitForTimeout(20);
  return 'connected';
}

describe('message extras', () => {
  const env = useHeraldAndBrowser();
  let ntfy: FakeNtfy;
  let opened: OpenedPage;
  let available = true;

  beforeAll(async () => {
    ntfy = await startFakeNtfy();
    opened = await openHerald(env.browser, env.server);
    await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
    available = (await addNtfySource(opened.page, ntfy)) === 'connected';
    await opened.page.getByRole('button', { name: /^Inbox/ }).click();
  });
  afterAll(async () => {
    await opened?.context.close();
    await ntfy?.close();
  });

  it('shows the link, tags, attachment and icon as text, and renders a Markdown body safely', async (test) => {
    if (!available) test.skip(`${NOT_YET}: the core's ntfy source has not landed, and no other kind carries extras`);
    const { page } = opened;
    ntfy.publish(
      ntfyMessage({
        title: 'Garage door open',
        message: '**Door** open for 15 min. <img src=x onerror="window.__pwned=1">',
        priority: 4,
        tags: ['warning', 'north-wing'],
        click: `${ntfy.url}/garage`,
        icon: `${ntfy.url}/icon.png`,
        content_type: 'text/markdown',
        attachment: { name: 'snapshot.jpg', url: `${ntfy.url}/snapshot.jpg`, type: 'image/jpeg', size: 48_213 },
      }),
    );
    const row = messageRows(page).filter({ hasText: 'Garage door open' });
    await row.click();
    const detail = page.getByTestId('message-detail');
    await detail.waitFor();

    const link = page.getByTestId('click-url').getByRole('link');
    expect(await link.getAttribute('href')).toBe(`${ntfy.url}/garage`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await detail.getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents()).toEqual([
      'north-wing',
    ]);
    const attachment = page.getByTestId('attachment');
    expect(await attachment.getByRole('link').getAttribute('href')).toBe(`${ntfy.url}/snapshot.jpg`);
    expect(await attachment.textContent()).toMatch(/^snapshot\.jpg · image\/jpeg · 47 KB/);
    // An image attachment waits for a click before it is fetched.
    await attachment.getByRole('button', { name: `Load image from ${new URL(ntfy.url).host}` }).waitFor();
    expect(await detail.textContent()).toContain(`Icon${ntfy.url}/icon.png (not loaded)`);

    const body = page.getByTestId('message-body');
    await body.locator('strong', { hasText: 'Door' }).waitFor();
    expect(await body.textContent()).toBe('Door open for 15 min. <img src=x onerror="window.__pwned=1">');
    expect(await page.locator('#root img').count()).toBe(0);
    // Nothing was fetched: no icon, no attachment preview.
    expect(ntfy.hits).toEqual([]);
  });

  it('runs action buttons through main: http, view, copy; broadcast is Android only', async (test) => {
    if (!available) test.skip(`${NOT_YET}: the core's ntfy source has not landed, and no other kind carries actions`);
    const { page, context } = opened;
    ntfy.publish(
      ntfyMessage({
        title: 'Boiler needs a reset',
        message: 'Pressure 0.8 bar',
        actions: [
          {
            id: 'a1',
            action: 'http',
            label: 'Reset boiler',
            url: `${ntfy.url}/api/reset`,
            method: 'POST',
            body: 'now',
          },
          { id: 'a2', action: 'view', label: 'Open panel', url: `${ntfy.url}/panel` },
          { id: 'a3', action: 'copy', label: 'Copy code', value: 'BX-4471' },
          { id: 'a4', action: 'broadcast', label: 'Tell the phone' },
        ],
      }),
    );
    await messageRows(page).filter({ hasText: 'Boiler needs a reset' }).click();
    const actions = page.getByRole('group', { name: 'Actions' });
    const outcome = page.getByTestId('action-outcome');

    await actions.getByRole('button', { name: 'Reset boiler' }).click();
    await expect.poll(() => outcome.textContent()).toBe('Reset boiler: sent (HTTP 200)');
    expect(ntfy.hits).toContainEqual({ method: 'POST', path: '/api/reset', body: 'now' });

    const popup = context.waitForEvent('page');
    await actions.getByRole('button', { name: 'Open panel' }).click();
    const panel = await popup;
    await panel.waitForLoadState();
    expect(panel.url()).toBe(`${ntfy.url}/panel`);
    // noopener: the opened page cannot reach back into Herald.
    expect(await panel.evaluate(() => window.opener)).toBeNull();
    await panel.close();

    await actions.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => outcome.textContent()).toBe('Copy code: copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('BX-4471');

    const broadcast = actions.getByRole('button', { name: 'Tell the phone' });
    expect(await broadcast.getAttribute('aria-disabled')).toBe('true');
    expect(await broadcast.getAttribute('title')).toBe('Android only');
    const before = opened.requests.length;
    await broadcast.dispatchEvent('click');
    expect(opened.requests.slice(before).filter((request) => request.channel === 'inbox.runAction')).toEqual([]);
  });

  it('removes a message deleted at the server from the list and closes its detail', async (test) => {
    if (!available) test.skip(`${NOT_YET}: the core's ntfy source has not landed`);
    const { page } = opened;
    ntfy.publish(ntfyMessage({ title: 'Parcel at the door', message: 'Left by the courier', sequence_id: 'parcel-1' }));
    const row = messageRows(page).filter({ hasText: 'Parcel at the door' });
    await row.click();
    await page.getByTestId('message-detail').getByText('Left by the courier').waitFor();

    ntfy.publish(ntfyMessage({ event: 'message_delete', sequence_id: 'parcel-1' }));
    await row.waitFor({ state: 'detached' });
    await page.getByText('The message you were reading was removed at its source').waitFor();
    expect(await page.getByTestId('message-detail').count()).toBe(0);
  });
});
