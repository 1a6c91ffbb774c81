// Browser mode turns `notify` events into Web Notifications. Headless Chromium cannot show real ones, so the
// page gets a recording stand-in for window.Notification before any script runs.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

interface Recorded {
  title: string;
  options: { body?: string; tag?: string };
}

/** Runs in the page (serialised by Playwright), so it must be self-contained. */
function installFakeNotification(initial: string) {
  const permission = initial as NotificationPermission;
  const shown: unknown[] = [];
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static async requestPermission() {
      FakeNotification.permission = 'granted';
      return 'granted' as const;
    }
    title: string;
    options: unknown;
    onclick: (() => void) | null = null;
    constructor(title: string, options: unknown) {
      this.title = title;
      this.options = options;
      shown.push(this);
    }
    close() {}
  }
  Object.assign(window, { Notification: FakeNotification, __shown: shown });
}

const shown = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { __shown: Recorded[] }).__shown ?? []).map(({ title, options }) => ({ title, options })),
  );

describe('web notifications', () => {
  const env = useHeraldAndBrowser();

  it('asks for permission from a button, then notifies and opens the message on click', async () => {
    const { context, page } = await openHerald(env.browser, env.server, {
      beforeLoad: (page) => page.addInitScript(installFakeNotification, 'default'),
    });
    try {
      await page.getByRole('button', { name: 'Enable desktop notifications' }).click();
      await page.getByRole('button', { name: 'Enable desktop notifications' }).waitFor({ state: 'detached' });

      await mosquittoPubOne(
        env.server.brokerPort!,
        'herald/deploy',
        JSON.stringify({ title: 'Deploy finished', message: 'v1.2.3 is live' }),
      );
      await expect.poll(() => shown(page), { timeout: 10_000 }).toHaveLength(1);
      const [notification] = await shown(page);
      expect(notification).toMatchObject({ title: 'Deploy finished', options: { body: 'v1.2.3 is live' } });
      expect(notification!.options.tag).toMatch(/^herald-\d+$/);

      // Another message arrives and is selected; clicking the notification brings back the deploy message.
      await mosquittoPubOne(env.server.brokerPort!, 'herald/other', 'something else');
      await messageRows(page).filter({ hasText: 'something else' }).click();
      await page.evaluate(() => (window as unknown as { __shown: { onclick(): void }[] }).__shown[0]!.onclick());
      await expect
        .poll(() => page.getByTestId('message-detail').getByRole('heading').textContent())
        .toBe('Deploy finished');
      const deployRow = messageRows(page).filter({ hasText: 'Deploy finished' });
      expect(await deployRow.getAttribute('aria-selected')).toBe('true');
    } finally {
      await context.close();
    }
  });

  it('shows nothing while notifications are paused', async () => {
    const { context, page } = await openHerald(env.browser, env.server, {
      beforeLoad: (page) => page.addInitScript(installFakeNotification, 'granted'),
    });
    try {
      await page.getByRole('button', { name: 'Pause notifications' }).click();
      await page.getByRole('button', { name: 'Notifications paused' }).waitFor();
      expect(await page.getByRole('button', { name: 'Notifications paused' }).getAttribute('aria-pressed')).toBe(
        'true',
      );

      await mosquittoPubOne(env.server.brokerPort!, 'herald/quiet', 'while paused');
      await messageRows(page).filter({ hasText: 'while paused' }).waitFor();
      await page.waitForTimeout(1_000); // longer than the burst window
      expect(await shown(page)).toEqual([]);

      await page.getByRole('button', { name: 'Notifications paused' }).click();
      await page.getByRole('button', { name: 'Pause notifications' }).waitFor();
      await mosquittoPubOne(env.server.brokerPort!, 'herald/loud', 'after resuming');
      await expect.poll(() => shown(page), { timeout: 10_000 }).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
