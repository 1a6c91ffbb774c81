// Rules and attention in Chromium against the real headless server and its embedded broker: a rule added on the
// Rules page is listed and previewed, an invalid one is refused with its reason and saves nothing, a topic is
// snoozed from a message, a silent rule's decision is explained in the detail view, and a timed pause ends.
// The tests run in order on one server: each builds on the rules the previous ones left.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

const ruleItems = (page: Page) => page.getByTestId('rule-item');
const ruleNames = (page: Page) =>
  page
    .locator('[data-testid="rule-item"] .rule-name')
    .evaluateAll((names) => names.map((name) => name.firstChild?.textContent ?? ''));
const openRules = (page: Page) => page.getByRole('button', { name: 'Rules', exact: true }).click();

describe('rules page', () => {
  const env = useHeraldAndBrowser();

  it('adds a rule, previews it on recent messages, and lists it', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await mosquittoPubOne(env.server.brokerPort!, 'herald/quiet/hall', 'Hall light on');
      await messageRows(page).filter({ hasText: 'Hall light on' }).waitFor();

      await openRules(page);
      await page.getByTestId('no-rules').waitFor();
      await page.getByRole('button', { name: 'Add rule' }).click();
      await page.locator('.rules-page').getByLabel('Name', { exact: true }).fill('quiet');
      await page.locator('.rules-page').getByLabel('Topic', { exact: true }).fill('herald/quiet/#');
      await page.locator('.rules-page').getByLabel('Action', { exact: true }).selectOption('silent');
      // The preview asks main what the rule would have done to the messages already in the inbox.
      await expect
        .poll(() => page.getByTestId('preview-counts').textContent())
        .toMatch(/^It would have decided 1 of \d+: silent 1$/);
      // A message without a title is named by its topic, as in the inbox.
      await page.getByTestId('rule-preview').getByText('herald/quiet/hall').waitFor();
      await page.getByRole('button', { name: 'Add rule' }).click();

      const item = ruleItems(page).filter({ hasText: 'quiet' });
      await item.waitFor();
      expect(await item.getByTestId('rule-summary').textContent()).toBe('topic herald/quiet/# → silent');
      expect(await item.getByRole('switch', { name: 'quiet enabled' }).isChecked()).toBe(true);

      await page.reload();
      await ruleItems(page).first().waitFor();
      expect(await ruleNames(page)).toEqual(['quiet']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a rule with a bad time range, says why, and saves nothing', async () => {
    const { context, page } = await openHerald(env.browser, env.server);
    try {
      await openRules(page);
      await ruleItems(page).first().waitFor();

      // In the form: the problem shows next to the field as it is typed, and Add does not save.
      await page.getByRole('button', { name: 'Add rule' }).click();
      await page.locator('.rules-page').getByLabel('Name', { exact: true }).fill('broken');
      await page.locator('.rules-page').getByLabel('Time', { exact: true }).fill('25:00-07:00');
      await page.getByText('write a time range like "22:00-07:00" (24-hour clock, local time)').waitFor();
      await page.getByRole('button', { name: 'Add rule' }).click();
      expect(await page.locator('.rules-page').getByLabel('Time', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
      await page.getByRole('button', { name: 'Cancel' }).click();

      // As JSON: the whole document is refused, each problem named by rule and field.
      await page.getByRole('button', { name: 'Edit as JSON' }).click();
      const text = page.getByRole('textbox', { name: 'Rules as JSON' });
      const document = JSON.parse(await text.inputValue());
      document.rules.push({ name: 'broken', action: 'silent', when: { time: '22:00-31:00' } });
      await text.fill(JSON.stringify(document, null, 2));
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => page.getByTestId('raw-problems').locator('li').allTextContents())
        .toEqual(['rule 2 "broken", when.time: write a time range like "22:00-07:00" (24-hour clock, local time)']);
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.reload();
      await ruleItems(page).first().waitFor();
      expect(await ruleNames(page)).toEqual(['quiet']);
    } finally {
      await context.close();
    }
  });

  it('snoozes a topic from a message and shows the temporary rule', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await mosquittoPubOne(env.server.brokerPort!, 'herald/kitchen/temp', '21.5');
      await messageRows(page).filter({ hasText: 'herald/kitchen/temp' }).click();
      const detail = page.getByTestId('message-detail');
      await detail.getByRole('button', { name: 'Snooze herald/kitchen/temp' }).click();
      await detail.getByRole('group', { name: 'Snooze herald/kitchen/temp for' }).getByText('1 h').click();
      await detail.getByText(/^Snoozed herald\/kitchen\/temp until \d\d:\d\d$|until tomorrow \d\d:\d\d$/).waitFor();

      await openRules(page);
      const snoozed = ruleItems(page).filter({ hasText: 'temporary' });
      await snoozed.waitFor();
      expect(await snoozed.getByTestId('rule-summary').textContent()).toMatch(
        /topic herald\/kitchen\/temp.* → silent · snoozed until /,
      );
      // Snoozes go first, so they win over the rules below them.
      expect((await ruleNames(page)).at(-1)).toBe('quiet');
      expect(await ruleNames(page)).toHaveLength(2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("explains a silent rule's decision in the detail view and marks the row", async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await mosquittoPubOne(env.server.brokerPort!, 'herald/quiet/garage', 'Garage door closed');
      const row = messageRows(page).filter({ hasText: 'Garage door closed' });
      await row.waitFor();
      await row.getByRole('img', { name: 'not notified' }).waitFor();

      await row.click();
      await expect.poll(() => page.getByTestId('decision-line').textContent()).toMatch(/^Muted by rule 'quiet'/);

      // A message no rule matches, at normal priority, is notified: nothing to explain, no marker.
      await mosquittoPubOne(env.server.brokerPort!, 'herald/loud', 'Doorbell');
      const loud = messageRows(page).filter({ hasText: 'Doorbell' });
      await loud.click();
      await expect.poll(() => page.getByTestId('message-body').textContent()).toBe('Doorbell');
      expect(await page.getByTestId('decision-line').count()).toBe(0);
      expect(await loud.getByRole('img', { name: 'not notified' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reorders rules with the buttons and by drag, switches one off, and deletes one', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await openRules(page);
      await expect.poll(() => ruleNames(page)).toEqual(['Snooze herald/kitchen/temp', 'quiet']);

      await page.getByRole('button', { name: 'Move quiet up' }).click();
      await expect.poll(() => ruleNames(page)).toEqual(['quiet', 'Snooze herald/kitchen/temp']);
      await ruleItems(page).nth(1).dragTo(ruleItems(page).nth(0));
      await expect.poll(() => ruleNames(page)).toEqual(['Snooze herald/kitchen/temp', 'quiet']);

      await page.getByRole('switch', { name: 'quiet enabled' }).uncheck();
      await expect.poll(() => page.getByRole('switch', { name: 'quiet enabled' }).isChecked()).toBe(false);
      await page.reload();
      await expect.poll(() => ruleNames(page)).toEqual(['Snooze herald/kitchen/temp', 'quiet']);
      expect(await page.getByRole('switch', { name: 'quiet enabled' }).isChecked()).toBe(false);
      await page.getByRole('switch', { name: 'quiet enabled' }).check();

      await page.getByRole('button', { name: 'Delete Snooze herald/kitchen/temp…' }).click();
      await page.getByRole('button', { name: 'Delete Snooze herald/kitchen/temp', exact: true }).click();
      await expect.poll(() => ruleNames(page)).toEqual(['quiet']);
      expect(await page.getByRole('switch', { name: 'quiet enabled' }).isChecked()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('snoozes a whole source from the Sources page', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('button', { name: 'Sources', exact: true }).click();
      const source = page.getByTestId('source-item').first();
      const name = (await source.getAttribute('aria-label')) ?? '';
      await source.getByRole('button', { name: `Snooze ${name}` }).click();
      await source
        .getByRole('group', { name: `Snooze ${name} for` })
        .getByText('Until tomorrow')
        .click();
      await source.getByText(`Snoozed ${name} until tomorrow 08:00`).waitFor();

      await openRules(page);
      const snoozed = ruleItems(page).filter({ hasText: 'temporary' });
      expect(await snoozed.getByTestId('rule-summary').textContent()).toMatch(
        new RegExp(`^from ${name} → silent · snoozed until tomorrow 08:00$`),
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('pauses notifications for an hour, says until when, and resumes', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('button', { name: 'Pause for a while' }).click();
      await page.getByRole('group', { name: 'Pause notifications' }).getByText('For 1 hour').click();
      await page.getByText(/^Paused until (tomorrow )?\d\d:\d\d$/).waitFor();
      await page.getByRole('button', { name: 'Resume' }).click();
      await page.getByRole('button', { name: 'Pause notifications' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
