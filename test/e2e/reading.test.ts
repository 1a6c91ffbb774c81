// Reading messages the way they were meant, end to end in Chromium: a markdown body (from an ntfy source) is
// rendered with its heading and link; a hostile markdown corpus runs nothing and loads nothing (a local beacon
// server hears no request until an image is loaded on purpose); JSON as a tree; the inbox keyboard; the
// language and theme switches.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { startFakeNtfy, type FakeNtfy } from './fake-ntfy.ts';
import { launchBrowser, messageRows, openHerald, startHerald, type HeraldServer, type OpenedPage } from './harness.ts';

interface Beacon {
  origin: string;
  /** Paths requested so far. */
  hits: string[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that answers every request with a 1x1 GIF and remembers what was asked. */
async function startBeacon(): Promise<Beacon> {
  const hits: string[] = [];
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
    response.end(gif);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let sequence = 0;
function markdownEvent(title: string, message: string) {
  const now = Math.floor(Date.now() / 1000);
  sequence += 1;
  return {
    id: `read${String(sequence).padStart(8, '0')}`,
    time: now,
    expires: now + 43_200,
    event: 'message',
    topic: 'reading',
    title,
    message,
    content_type: 'text/markdown',
  };
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

function hostileCorpus(beacon: string): string {
  return [
    '# Hostile corpus',
    '<script>window.__pwned = "script"</script>',
    `<img src="${beacon}/img-tag.png" onerror="window.__pwned='img'">`,
    `<svg onload="window.__pwned='svg'"><image href="${beacon}/svg-image.png"/></svg>`,
    `<style>#root{background:url(${beacon}/style-tag.png)}</style>`,
    `<div style="background-image:url(${beacon}/style-attr.png)" onmouseover="window.__pwned='hover'">hover me</div>`,
    `<iframe src="${beacon}/frame.html"></iframe> <object data="${beacon}/object"></object>`,
    `<link rel="stylesheet" href="${beacon}/sheet.css"> <meta http-equiv="refresh" content="0;url=${beacon}/meta">`,
    '[js](javascript:window.__pwned="js") [JS](JaVaScRiPt:window.__pwned="JS") [vb](vbscript:msgbox(1))',
    '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+) [ent](&#106;avascript:window.__pwned=1)',
    '<a href="javascript:window.__pwned=\'a\'">raw anchor</a> [ref][r]',
    '',
    '[r]: javascript:window.__pwned="ref"',
    '',
    `![beacon](${beacon}/beacon.gif) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)`,
    '',
    `Autolinked but not fetched: ${beacon}/autolink`,
  ].join('\n');
}

describe('reading messages', () => {
  let ntfy: FakeNtfy;
  let beacon: Beacon;
  let server: HeraldServer;
  let browser: Browser;
  let opened: OpenedPage;

  beforeAll(async () => {
    [ntfy, beacon, browser] = await Promise.all([startFakeNtfy(), startBeacon(), launchBrowser()]);
    server = await startHerald({ args: ['--source', `${ntfy.url}/reading?kind=ntfy`] });
    opened = await openHerald(browser, server);
    await opened.page.emulateMedia({ colorScheme: 'light' });
    for (let i = 0; i < 200 && ntfy.streams() === 0; i++) await opened.page.waitForTimeout(25);
    expect(ntfy.streams(), `the ntfy source did not connect. stderr:\n${server.stderr()}`).toBeGreaterThan(0);
    // Three servers and a browser, one after the other: more than one start's worth of time on a busy machine.
  }, 60_000);
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await server?.stop();
    await ntfy?.close();
    await beacon?.close();
  });

  async function open(title: string) {
    const row = messageRows(opened.page).filter({ hasText: title });
    await row.click();
    await opened.page.getByTestId('message-detail').getByRole('heading', { level: 2, name: title }).waitFor();
    return opened.page.getByTestId('message-body');
  }

  it('renders a markdown body: heading, emphasis and a link that opens outside', async () => {
    ntfy.publish(
      markdownEvent('Garage report', '## Door\n\nOpen for **15 min**. See [the panel](https://ha.example/garage).'),
    );
    const body = await open('Garage report');
    await body.getByRole('heading', { name: 'Door', level: 2 }).waitFor();
    expect(await body.locator('strong').textContent()).toBe('15 min');
    const link = body.getByRole('link', { name: 'the panel' });
    expect(await link.getAttribute('href')).toBe('https://ha.example/garage');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');

    // The source is one click away.
    await opened.page.getByRole('button', { name: 'Source', exact: true }).click();
    await expect.poll(() => body.textContent()).toContain('Open for **15 min**');
  });

  it('renders the message of a JSON body that says it is markdown, with its tree a click away', async () => {
    const payload = JSON.stringify({ title: 'Nightly backup', message: 'Finished in **12 min**', markdown: true });
    await mosquittoPubOne(server.brokerPort!, 'herald/backup', payload);
    const body = await open('Nightly backup');
    await expect.poll(() => body.locator('strong').textContent()).toBe('12 min');
    await opened.page.getByRole('button', { name: 'Tree', exact: true }).click();
    await opened.page.getByTestId('json-tree').waitFor();
  });

  it('runs nothing and loads nothing from a hostile markdown corpus until an image is asked for', async () => {
    const { page } = opened;
    ntfy.publish(markdownEvent('Hostile corpus', hostileCorpus(beacon.origin)));
    const body = await open('Hostile corpus');
    await body.getByRole('heading', { name: 'Hostile corpus' }).waitFor();
    await body.getByText('hover me').hover();
    // Time for anything that would fire (onerror, onload, refresh, a background image) to do so.
    await page.waitForTimeout(700);

    expect(await pwned(page)).toBeUndefined();
    expect(beacon.hits).toEqual([]);
    expect(await body.locator('script, img, svg, iframe, object, style, link, meta, [style], [onerror]').count()).toBe(
      0,
    );
    const hrefs = await body.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    // The markup is there to read, as text.
    expect(await body.textContent()).toContain('<script>window.__pwned = "script"</script>');
    expect(page.url()).toContain(server.origin);

    // Loading an image is a choice: one click, and only that image is fetched.
    const host = new URL(beacon.origin).host;
    await body.getByRole('button', { name: `Load image from ${host}` }).click();
    await body.locator('img.md-image').waitFor();
    await expect.poll(() => beacon.hits).toEqual(['/beacon.gif']);
    expect(await pwned(page)).toBeUndefined();
  });

  it('loads images at once from a host the user chose to always allow', async () => {
    const host = new URL(beacon.origin).host;
    ntfy.publish(markdownEvent('Camera one', `![cam](${beacon.origin}/cam-1.gif)`));
    const first = await open('Camera one');
    await first.getByRole('button', { name: `Always load images from ${host}` }).click();
    await first.locator('img.md-image').waitFor();

    ntfy.publish(markdownEvent('Camera two', `![cam](${beacon.origin}/cam-2.gif)`));
    const second = await open('Camera two');
    await second.locator('img.md-image').waitFor();
    await expect.poll(() => beacon.hits).toContain('/cam-2.gif');
  });

  it('shows JSON as a tree whose nodes copy their path', async () => {
    const { page, context } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await mosquittoPubOne(server.brokerPort!, 'herald/sensor', '{"sensor":{"temp":21.5,"id":12345678901234567890}}');
    const row = messageRows(page).filter({ hasText: 'herald/sensor' });
    await row.click();
    const tree = page.getByTestId('json-tree');
    await tree.waitFor();
    expect(await tree.textContent()).toContain('12345678901234567890');
    await tree.getByRole('button', { name: 'Copy path $.sensor.temp' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('$.sensor.temp');
    await tree.getByRole('button', { name: 'sensor collapse' }).click();
    expect(await tree.getByText('21.5').count()).toBe(0);
  });

  it('moves, opens, marks read and shows help from the keyboard, and not while typing', async () => {
    const { page, requests } = opened;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const rows = messageRows(page);
    const selectedTitle = () =>
      page.locator('[data-testid="message-row"][aria-selected="true"] .row-title').textContent();
    const first = await rows.nth(0).locator('.row-title').textContent();
    const second = await rows.nth(1).locator('.row-title').textContent();
    // Start from a known place: the newest row.
    await rows.nth(0).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    await page.keyboard.press('j');
    await expect.poll(selectedTitle).toBe(second);
    await page.keyboard.press('k');
    await expect.poll(selectedTitle).toBe(first);
    await page.keyboard.press('ArrowDown');
    await expect.poll(selectedTitle).toBe(second);

    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('message-detail');

    const markReads = () => requests.filter((r) => r.channel === 'inbox.markRead').length;
    const before = markReads();
    await page.keyboard.press('e');
    await expect.poll(markReads).toBe(before + 1);

    // `s` opens the snooze choices of the message on show, focus on the first; Escape closes them.
    await page.keyboard.press('s');
    const choices = page.getByTestId('message-detail').getByRole('group', { name: /^Snooze .* for$/ });
    await choices.waitFor();
    await expect.poll(() => choices.evaluate((group) => group.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await choices.waitFor({ state: 'hidden' });

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Mark as read');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // Typing in the search field is typing.
    const search = page.getByRole('searchbox', { name: 'Search messages' });
    await search.click();
    await page.keyboard.type('jk');
    expect(await search.inputValue()).toBe('jk');
    expect(await selectedTitle()).toBe(second);
    await search.fill('');
  });

  it('switches the language to Chinese, remembered across a reload, and back', async () => {
    const { page } = opened;
    const nav = page.getByRole('navigation');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await nav.getByRole('button', { name: /^收件箱/ }).waitFor();
    expect(await nav.getByRole('button').allTextContents()).toEqual(expect.arrayContaining(['消息源', '规则']));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.reload();
    await page.getByRole('navigation', { name: '页面' }).getByRole('button', { name: '消息源' }).waitFor();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await nav.getByRole('button', { name: 'Sources' }).waitFor();
  });

  it('switches the theme, which changes the colours, and follows the OS on System', async () => {
    const { page } = opened;
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();
    const theme = page.getByRole('combobox', { name: 'Theme' });
    await theme.selectOption('dark');
    await expect.poll(background).not.toBe(light);
    const dark = await background();

    await theme.selectOption('system');
    await expect.poll(background).toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });

    await theme.selectOption('dark');
    await page.reload();
    await expect.poll(background).toBe(dark);
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    expect(opened.errors).toEqual([]);
  });
});
