// Managing sources through the UI against a real Mosquitto: a good source connects and delivers, a bad one is
// refused with its reason and nothing is saved, and main's own refusals reach the user verbatim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mosquittoPubOne, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { launchBrowser, messageRows, openHerald, startHerald, type HeraldServer } from './harness.ts';

const sourceItems = (page: Page) => page.getByTestId('source-item');
const sourceNames = (page: Page) => page.locator('[data-testid="source-item"] .source-name').allTextContents();

describe('sources page', () => {
  let server: HeraldServer;
  let browser: Browser;
  let mosquitto: Mosquitto;

  beforeAll(async () => {
    [server, browser, mosquitto] = await Promise.all([startHerald(), launchBrowser(), startMosquitto()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mosquitto?.stop();
  });

  it('lists the embedded default source with its real address', async () => {
    const { context, page } = await openHerald(browser, server);
    try {
      await page.getByRole('button', { name: 'Sources' }).click();
      const embedded = sourceItems(page).filter({ hasText: 'embedded broker' });
      await embedded.waitFor();
      expect(await embedded.locator('.source-url').textContent()).toContain(`127.0.0.1:${server.brokerPort}`);
      await expect.poll(() => embedded.locator('.state-word').textContent()).toBe('connected');
    } finally {
      await context.close();
    }
  });

  it('edits the embedded source like any other, and the change is saved', async () => {
    const { context, page, errors } = await openHerald(browser, server);
    try {
      await page.getByRole('button', { name: 'Sources' }).click();
      const embedded = sourceItems(page).filter({ hasText: 'embedded broker' });
      const name =
        (await embedded.locator('.source-name').evaluate((element) => element.firstChild?.textContent)) ?? '';
      await embedded.getByRole('button', { name: `Edit ${name}` }).click();
      await page.getByLabel('Name', { exact: true }).fill('Home broker');
      await page.getByRole('button', { name: 'Add topic' }).click();
      await page.getByLabel('Topic filter 2').fill('home/+/events');
      await page.getByRole('button', { name: 'Save changes' }).click();

      await page.reload();
      const saved = sourceItems(page).filter({ hasText: 'Home broker' });
      await saved.waitFor();
      expect(await saved.textContent()).toContain('embedded broker');
      expect(await saved.textContent()).toContain('home/+/events (QoS 0)');
      await expect.poll(() => saved.locator('.state-word').textContent(), { timeout: 10_000 }).toBe('connected');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds a source that connects to Mosquitto and delivers its messages', async () => {
    const { context, page, errors } = await openHerald(browser, server);
    try {
      await page.getByRole('button', { name: 'Sources' }).click();
      await page.getByRole('button', { name: 'Add source' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Office broker');
      await page.getByLabel('Broker URL').fill(mosquitto.url);
      await page.getByLabel('Topic filter 1').fill('office/#');
      await page.getByLabel('QoS 1').selectOption('1');
      await page.getByRole('button', { name: 'Add source' }).click();

      const office = sourceItems(page).filter({ hasText: 'Office broker' });
      await office.waitFor();
      expect(await office.locator('.source-url').textContent()).toBe(mosquitto.url);
      await expect.poll(() => office.locator('.state-word').textContent(), { timeout: 10_000 }).toBe('connected');

      await mosquittoPubOne(mosquitto.port, 'office/door', 'Front door opened', 1);
      await page.getByRole('button', { name: /^Inbox/ }).click();
      const row = messageRows(page).filter({ hasText: 'Front door opened' });
      await row.waitFor();
      expect(await row.locator('.row-origin').textContent()).toBe('Office broker · office/door');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a malformed URL with the reason and saves nothing', async () => {
    const { context, page } = await openHerald(browser, server);
    try {
      await page.getByRole('button', { name: 'Sources' }).click();
      await sourceItems(page).first().waitFor();
      const before = await sourceNames(page);

      await page.getByRole('button', { name: 'Add source' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Broken');
      await page.getByLabel('Broker URL').fill('http//nope');
      await page.getByLabel('Topic filter 1').fill('a/#/b');
      await page.getByRole('button', { name: 'Add source' }).click();
      await page.getByText('"http//nope" is not a URL; expected something like mqtt://broker.example:1883').waitFor();
      await page.getByText('topic filter is invalid').waitFor();
      // The first problem gets the focus so keyboard users land on it.
      expect(await page.getByLabel('Broker URL').evaluate((input) => input === document.activeElement)).toBe(true);
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.reload();
      await sourceItems(page).first().waitFor();
      expect(await sourceNames(page)).toEqual(before);
    } finally {
      await context.close();
    }
  });

  it("shows main's refusal when it rejects a save, and keeps the form", async () => {
    const editor = await openHerald(browser, server);
    const other = await openHerald(browser, server);
    try {
      // Two windows: one edits a source while the other removes it, so main refuses the save.
      await editor.page.getByRole('button', { name: 'Sources' }).click();
      await editor.page.getByRole('button', { name: 'Edit Office broker' }).click();
      await editor.page.getByLabel('Name', { exact: true }).fill('Office broker (renamed)');

      await other.page.getByRole('button', { name: 'Sources' }).click();
      await other.page.getByRole('button', { name: 'Remove Office broker…' }).click();
      await other.page.getByRole('button', { name: 'Remove Office broker', exact: true }).click();
      await expect.poll(() => sourceNames(other.page)).not.toContain('Office broker');

      await editor.page.getByRole('button', { name: 'Save changes' }).click();
      const alert = editor.page.locator('.form-refusal');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/^Not saved: source .+ not found$/);
      expect(await editor.page.getByLabel('Name', { exact: true }).inputValue()).toBe('Office broker (renamed)');

      await editor.page.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => sourceNames(editor.page)).not.toContain('Office broker (renamed)');
    } finally {
      await editor.context.close();
      await other.context.close();
    }
  });
});

describe('sources given on the command line', () => {
  let server: HeraldServer;
  let browser: Browser;
  let mosquitto: Mosquitto;

  beforeAll(async () => {
    [browser, mosquitto] = await Promise.all([launchBrowser(), startMosquitto()]);
    server = await startHerald({ brokerPort: 'off', args: ['--source', mosquitto.url, '--topic', 'cli/#'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mosquitto?.stop();
  });

  it('are shown read-only, with their status, and deliver', async () => {
    const { context, page } = await openHerald(browser, server);
    try {
      await page.getByText('Embedded broker off').waitFor();
      await page.getByRole('button', { name: 'Sources' }).click();
      const item = sourceItems(page).filter({ hasText: mosquitto.url });
      await item.waitFor();
      expect(await item.textContent()).toContain('command line · read-only');
      // It can be tested and reconnected, but not edited or removed.
      expect(await item.getByRole('button').allTextContents()).toEqual(['Test connection', 'Reconnect now']);
      await expect.poll(() => item.locator('.state-word').textContent(), { timeout: 10_000 }).toBe('connected');

      await mosquittoPubOne(mosquitto.port, 'cli/ping', 'pong', 1);
      await page.getByRole('button', { name: /^Inbox/ }).click();
      await messageRows(page).filter({ hasText: 'pong' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
