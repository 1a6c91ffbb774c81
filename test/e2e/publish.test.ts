// The Publish page in Chromium against the real headless server and its embedded broker: a message sent from
// the Publish panel arrives in the inbox (the default source listens to herald/#), and a saved button with
// {{input}} asks for the value and publishes its expanded template.
import { describe, expect, it } from 'vitest';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

describe('publish', () => {
  const env = useHeraldAndBrowser();

  it('sends from the Publish panel, shows it in the history and the message arrives in the inbox', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Publish' }).click();
      const panel = page.getByRole('region', { name: 'Publish' });
      await panel.getByLabel('Source').selectOption({ label: 'Local broker' });
      await panel.getByLabel('Topic').fill('herald/e2e/panel');
      await panel.getByLabel('JSON').check();
      await panel.getByLabel('Payload', { exact: true }).fill('{"title": "From the panel"');
      await expect.poll(() => panel.getByText(/Not valid JSON/).count()).toBe(1);
      expect(await panel.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
      await panel.getByLabel('Payload', { exact: true }).fill('{"title": "From the panel", "message": "It works"}');
      await panel.getByLabel('QoS').selectOption('1');
      await panel.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => panel.getByTestId('publish-status').first().textContent())
        .toMatch(/Sent to Local broker · herald\/e2e\/panel/);
      const history = panel.getByRole('list', { name: 'Recent publishes' });
      await history.getByRole('listitem').filter({ hasText: 'herald/e2e/panel' }).waitFor();

      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Inbox' }).click();
      await messageRows(page).filter({ hasText: 'From the panel' }).waitFor();

      // Repeat from the history sends the same message again.
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Publish' }).click();
      await history.getByRole('button', { name: /^Repeat herald\/e2e\/panel/ }).click();
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Inbox' }).click();
      await expect.poll(() => messageRows(page).filter({ hasText: 'From the panel' }).count()).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a saved button with {{input}} asks for the value and publishes its expanded template', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Publish' }).click();
      const panel = page.getByRole('region', { name: 'Buttons' });
      await panel.getByRole('button', { name: 'Add button' }).click();
      const form = panel.getByRole('form', { name: 'New button' });
      await form.getByLabel('Name').fill('Set level');
      await form.getByLabel('Source').selectOption({ label: 'Local broker' });
      await form.getByLabel('Topic').fill('herald/e2e/button');
      await form.getByLabel('Payload template').fill('Level {{input}} set');
      await form.getByRole('button', { name: 'Save button' }).click();

      await panel.getByRole('button', { name: 'Set level', exact: true }).click();
      const prompt = panel.getByRole('form', { name: 'Value for Set level' });
      await prompt.getByLabel('Value for Set level').fill('42');
      await prompt.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => panel.getByTestId('publish-status').textContent()).toMatch(/Set level: Sent/);

      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Inbox' }).click();
      await messageRows(page).filter({ hasText: 'Level 42 set' }).waitFor();

      // The button is kept: after a reload it is still there.
      await page.reload();
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Publish' }).click();
      await panel.getByRole('button', { name: 'Edit Set level' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
