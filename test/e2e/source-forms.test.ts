// The source form for every kind: each validates with the shared rules before anything is sent, MQTT's
// advanced settings and write-only secrets survive a save and a reload, and a WebSocket source added
// through the form connects to a real `ws` server and delivers its mapped messages.
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { freePort } from '../helpers/ports.ts';
import { frameText } from '../helpers/ws.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

// Other pages stay mounted while hidden and have fields of the same names (the Broker page's Password).
const onSourcesPage = (page: Page) => page.locator('.sources-page');
const sourceItems = (page: Page) => page.getByTestId('source-item');
const sourceNames = (page: Page) => page.locator('[data-testid="source-item"] .source-name').allTextContents();

async function openAddForm(page: Page, kind: string) {
  await page.getByRole('button', { name: 'Sources' }).click();
  await sourceItems(page).first().waitFor();
  await page.getByRole('button', { name: 'Add source' }).click();
  await page.getByRole('radio', { name: kind, exact: true }).check();
}

const isFocused = (page: Page, label: string) =>
  onSourcesPage(page)
    .getByLabel(label, { exact: true })
    .evaluate((element) => element === document.activeElement);

describe('source forms', () => {
  const env = useHeraldAndBrowser();
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("ntfy: refuses a topic that breaks ntfy's rule and a sign-in without a password, and saves nothing", async () => {
    const { context, page, requests } = await openHerald(env.browser, env.server);
    cleanups.push(() => context.close());
    await page.getByRole('button', { name: 'Sources' }).click();
    await sourceItems(page).first().waitFor();
    const before = await sourceNames(page);

    await openAddForm(page, 'ntfy');
    await onSourcesPage(page).getByLabel('Name', { exact: true }).fill('Team ntfy');
    await onSourcesPage(page).getByLabel('Server URL').fill('ntfy.example');
    await onSourcesPage(page).getByLabel('ntfy topic 1', { exact: true }).fill('alerts');
    await page.getByRole('button', { name: 'Add topic' }).click();
    await onSourcesPage(page).getByLabel('ntfy topic 2', { exact: true }).fill('front door!');
    await onSourcesPage(page).getByLabel('Sign in').selectOption({ label: 'Username and password' });
    await onSourcesPage(page).getByLabel('Username').fill('sam');
    await page.getByRole('button', { name: 'Add source' }).click();

    const form = page.locator('form.source-form');
    await form.getByText('"ntfy.example" is not a URL; expected something like https://ntfy.sh').waitFor();
    expect(await form.locator('.field-error').allTextContents()).toEqual([
      '"ntfy.example" is not a URL; expected something like https://ntfy.sh',
      'an ntfy topic is 1-64 letters, digits, - or _',
      'enter the password',
    ]);
    expect(
      await onSourcesPage(page).getByLabel('ntfy topic 1', { exact: true }).getAttribute('aria-invalid'),
    ).toBeNull();
    expect(await onSourcesPage(page).getByLabel('ntfy topic 2', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await isFocused(page, 'Server URL')).toBe(true);

    // Fixing the URL leaves the topic as the first problem.
    await onSourcesPage(page).getByLabel('Server URL').fill('https://ntfy.example');
    await page.getByRole('button', { name: 'Add source' }).click();
    await expect.poll(() => isFocused(page, 'ntfy topic 2')).toBe(true);

    expect(requests.filter((request) => request.channel === 'sources.add')).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Sources' }).click();
    await sourceItems(page).first().waitFor();
    expect(await sourceNames(page)).toEqual(before);
  });

  it('MQTT: protocol, session, TLS and secrets survive a save and a reload; a secret can be removed', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    cleanups.push(() => context.close());
    const closedPort = await freePort(); // nothing listens: the settings matter here, not the connection

    await openAddForm(page, 'MQTT');
    await onSourcesPage(page).getByLabel('Name', { exact: true }).fill('Plant broker');
    await onSourcesPage(page).getByLabel('Broker URL').fill(`mqtts://127.0.0.1:${closedPort}`);
    await onSourcesPage(page).getByLabel('Username').fill('alice');
    await onSourcesPage(page).getByLabel('Password', { exact: true }).fill('s3cret');
    await onSourcesPage(page).getByLabel('Client ID').fill('herald-desk-7');
    await onSourcesPage(page).getByLabel('Topic filter 1').fill('plant/+/alarm');
    await onSourcesPage(page).getByLabel('QoS 1').selectOption('2');
    await onSourcesPage(page).getByLabel('Protocol version').selectOption({ label: 'MQTT 5' });
    await onSourcesPage(page).getByLabel('Keepalive (seconds)').fill('45');
    await onSourcesPage(page).getByLabel('Keep session (clean start off)').check();
    await onSourcesPage(page).getByLabel('Session expiry (seconds)').fill('3600');
    await page.getByText('TLS', { exact: true }).click();
    await onSourcesPage(page).getByLabel('CA certificates').fill('/etc/herald/plant-ca.pem');
    await onSourcesPage(page)
      .getByLabel('Client certificate')
      .fill('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
    await onSourcesPage(page)
      .getByLabel('Client private key')
      .fill('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----');
    await onSourcesPage(page).getByLabel('Server name').fill('broker.plant.internal');
    expect(await page.getByText('Not safe:').count()).toBe(0);
    await onSourcesPage(page).getByLabel('Allow untrusted certificates').check();
    await page.getByText('Not safe:').waitFor();
    await page.getByRole('button', { name: 'Add source' }).click();

    const item = sourceItems(page).filter({ hasText: 'Plant broker' });
    await item.waitFor();
    expect(await item.locator('.source-summary').textContent()).toBe('plant/+/alarm (QoS 2) · MQTT 5 · keeps session');

    await page.reload();
    await page.getByRole('button', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Edit Plant broker' }).click();
    expect(await onSourcesPage(page).getByLabel('Broker URL').inputValue()).toBe(`mqtts://127.0.0.1:${closedPort}`);
    expect(await onSourcesPage(page).getByLabel('Username').inputValue()).toBe('alice');
    const password = onSourcesPage(page).getByLabel('Password', { exact: true });
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toBe('saved');
    expect(await onSourcesPage(page).getByLabel('Client ID').inputValue()).toBe('herald-desk-7');
    expect(await onSourcesPage(page).getByLabel('Topic filter 1').inputValue()).toBe('plant/+/alarm');
    expect(await onSourcesPage(page).getByLabel('QoS 1').inputValue()).toBe('2');
    expect(await onSourcesPage(page).getByLabel('Protocol version').inputValue()).toBe('5');
    expect(await onSourcesPage(page).getByLabel('Keepalive (seconds)').inputValue()).toBe('45');
    expect(await onSourcesPage(page).getByLabel('Keep session (clean start off)').isChecked()).toBe(true);
    expect(await onSourcesPage(page).getByLabel('Session expiry (seconds)').inputValue()).toBe('3600');
    // The TLS section opens by itself when it holds settings.
    expect(await onSourcesPage(page).getByLabel('CA certificates').inputValue()).toBe('/etc/herald/plant-ca.pem');
    expect(await onSourcesPage(page).getByLabel('Client certificate').inputValue()).toBe(
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    );
    const key = onSourcesPage(page).getByLabel('Client private key');
    expect(await key.inputValue()).toBe('');
    expect(await key.getAttribute('placeholder')).toBe('saved');
    expect(await onSourcesPage(page).getByLabel('Server name').inputValue()).toBe('broker.plant.internal');
    expect(await onSourcesPage(page).getByLabel('Allow untrusted certificates').isChecked()).toBe(true);
    await page.getByText('Not safe:').waitFor();

    // Saving with the password left empty keeps it; ticking "remove" forgets it.
    await onSourcesPage(page).getByLabel('Remove the saved password').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await item.waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Edit Plant broker' }).click();
    expect(await onSourcesPage(page).getByLabel('Password', { exact: true }).getAttribute('placeholder')).toBeNull();
    expect(await onSourcesPage(page).getByLabel('Remove the saved password').count()).toBe(0);
    expect(await onSourcesPage(page).getByLabel('Client private key').getAttribute('placeholder')).toBe('saved');
    expect(errors).toEqual([]);
  });

  it('WebSocket: a source added through the form connects with its headers and token, and delivers mapped messages', async () => {
    const port = await freePort();
    const server = new WebSocketServer({ host: '127.0.0.1', port });
    cleanups.push(
      () =>
        new Promise((done) => {
          for (const client of server.clients) client.terminate();
          server.close(done);
        }),
    );
    const seen: { headers: IncomingHttpHeaders; opened: string[] }[] = [];
    server.on('connection', (socket, request) => {
      const connection = { headers: request.headers, opened: [] as string[] };
      seen.push(connection);
      socket.on('message', (data) => {
        connection.opened.push(frameText(data));
        socket.send(
          JSON.stringify({
            data: {
              headline: 'Boiler pressure low',
              text: 'Down to 1.1 bar in the north wing',
              level: 4,
              ref: 'evt-1',
            },
          }),
        );
      });
    });

    const { context, page, errors } = await openHerald(env.browser, env.server);
    cleanups.push(() => context.close());
    await openAddForm(page, 'WebSocket');
    await onSourcesPage(page).getByLabel('Name', { exact: true }).fill('Boiler feed');
    await onSourcesPage(page).getByLabel('WebSocket URL').fill(`ws://127.0.0.1:${port}/push`);
    await page.getByRole('button', { name: 'Add header' }).click();
    await onSourcesPage(page).getByLabel('Header name 1').fill('X-Site');
    await onSourcesPage(page).getByLabel('Header value 1').fill('north');
    await onSourcesPage(page).getByLabel('Token', { exact: true }).fill('tok-123');
    await onSourcesPage(page).getByLabel('Message sent on open').fill('{"subscribe":"boiler"}');
    await onSourcesPage(page).getByLabel('Title path').fill('data.headline');
    await onSourcesPage(page).getByLabel('Body path').fill('data.text');
    await onSourcesPage(page).getByLabel('Priority path').fill('data.level');
    await onSourcesPage(page).getByLabel('ID path').fill('data.ref');
    await page.getByRole('button', { name: 'Add source' }).click();

    const item = sourceItems(page).filter({ hasText: 'Boiler feed' });
    await item.waitFor();
    await expect.poll(() => item.locator('.state-word').textContent(), { timeout: 10_000 }).toBe('connected');
    expect(seen[0]?.headers.authorization).toBe('Bearer tok-123');
    expect(seen[0]?.headers['x-site']).toBe('north');
    expect(seen[0]?.opened).toEqual(['{"subscribe":"boiler"}']);

    await page.getByRole('button', { name: /^Inbox/ }).click();
    const row = messageRows(page).filter({ hasText: 'Boiler pressure low' });
    await row.waitFor();
    expect(await row.locator('.row-preview').textContent()).toBe('Down to 1.1 bar in the north wing');
    expect(await row.locator('.badge').allTextContents()).toContain('High');
    expect(await row.locator('.row-origin').textContent()).toMatch(/^Boiler feed · /);
    expect(errors).toEqual([]);
  });
});
