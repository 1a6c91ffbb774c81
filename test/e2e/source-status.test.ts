// Each source's status on the Sources page: a live source reconnects from its button (and all from the header),
// and one that cannot connect says why and when it will try again.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppState, SourceStatus } from '../../src/shared/model.ts';
import { freePort } from '../helpers/ports.ts';
import { openHerald, useHeraldAndBrowser, type OpenedPage } from './harness.ts';

const sourceItems = (page: Page) => page.getByTestId('source-item');

/** The states main reported for one source, in order, from the app.state events the page received. */
function statesOf(events: OpenedPage['events'], sourceId: string, since = 0): SourceStatus[] {
  return events
    .slice(since)
    .filter((event) => event.event === 'app.state')
    .map((event) => (event.payload as AppState).sources.find((source) => source.id === sourceId)?.status)
    .filter((status): status is SourceStatus => status !== undefined);
}

describe('source status', () => {
  const env = useHeraldAndBrowser();

  it('reconnects a source from its button, and every source from "Reconnect all"', async () => {
    const { context, page, requests, events, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('button', { name: 'Sources' }).click();
      const embedded = sourceItems(page).filter({ hasText: 'embedded broker' });
      await expect.poll(() => embedded.locator('.state-word').textContent(), { timeout: 10_000 }).toBe('connected');
      const id = (await embedded.getAttribute('data-source-id'))!;
      const name =
        (await embedded.locator('.source-name').evaluate((element) => element.firstChild?.textContent)) ?? '';

      const clickedAt = Date.now();
      let seen = events.length;
      await embedded.getByRole('button', { name: `Reconnect ${name} now` }).click();
      await expect
        .poll(
          () =>
            statesOf(events, id, seen)
              .map((status) => status.state)
              .at(-1),
          { timeout: 10_000 },
        )
        .toBe('connected');
      expect(
        requests.filter((request) => request.channel === 'sources.reconnect').map((request) => request.payload),
      ).toEqual([{ id }]);
      // The connection really went down and came back: a state other than connected in between, and a new `since`.
      const afterOne = statesOf(events, id, seen);
      expect(afterOne.some((status) => status.state === 'connecting' || status.state === 'reconnecting')).toBe(true);
      expect(afterOne.at(-1)!.since).toBeGreaterThanOrEqual(clickedAt);
      await expect.poll(() => embedded.locator('.state-word').textContent()).toBe('connected');

      seen = events.length;
      await page.getByRole('button', { name: 'Reconnect all' }).click();
      await expect
        .poll(
          () =>
            statesOf(events, id, seen)
              .map((status) => status.state)
              .at(-1),
          { timeout: 10_000 },
        )
        .toBe('connected');
      expect(statesOf(events, id, seen).some((status) => status.state !== 'connected')).toBe(true);
      expect(requests.filter((request) => request.channel === 'sources.reconnect').at(-1)?.payload).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says why a source is down and when it tries again', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      const closedPort = await freePort();
      await page.getByRole('button', { name: 'Sources' }).click();
      await page.getByRole('button', { name: 'Add source' }).click();
      await page.getByRole('radio', { name: 'WebSocket', exact: true }).check();
      await page.getByLabel('Name', { exact: true }).fill('Nobody home');
      await page.getByLabel('WebSocket URL').fill(`ws://127.0.0.1:${closedPort}/push`);
      await page.getByRole('button', { name: 'Add source' }).click();

      const item = sourceItems(page).filter({ hasText: 'Nobody home' });
      await expect.poll(() => item.locator('.state-word').textContent(), { timeout: 10_000 }).toBe('reconnecting');
      expect(await item.locator('.status-cause').textContent()).toContain(`127.0.0.1:${closedPort}`);
      // Backoff starts below a second, so the countdown may already be at "now".
      await expect.poll(() => item.locator('.status-retry').textContent()).toMatch(/^ · retrying (now|in \d+ s)$/);
      // The status bar says the same.
      const bar = page.getByTestId('source-status').filter({ hasText: 'Nobody home' });
      expect(await bar.textContent()).toContain('reconnecting');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
