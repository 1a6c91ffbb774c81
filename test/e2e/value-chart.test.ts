// A topic's values up to the opened message as a chart in the detail view, end to end in Chromium: numbers
// published to the embedded broker are drawn with an accessible summary; for JSON the picked field is charted
// and remembered.
import { describe, expect, it } from 'vitest';
import { mosquittoPub } from '../helpers/mosquitto.ts';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('value chart', () => {
  const env = useHeraldAndBrowser();

  it('charts the numbers of a topic and, for JSON, the field the user picks', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      const inbox = page.locator('.inbox-page');
      await mosquittoPub(env.server.brokerPort!, 'herald/temp', ['19.0', '23.1', 'sensor offline', '21.5']);
      const rows = inbox.getByTestId('message-row').filter({ hasText: 'herald/temp' });
      await expect.poll(() => rows.count()).toBe(4);
      await rows.first().click();
      const chart = inbox.getByRole('img', { name: /^Values of herald\/temp/ });
      await chart.waitFor();
      expect(await chart.getAttribute('aria-label')).toBe(
        'Values of herald/temp: last 21.5, min 19, max 23.1 over 3 messages',
      );

      await mosquittoPub(env.server.brokerPort!, 'herald/plug', [
        '{"power":{"watts":10},"voltage":230}',
        '{"power":{"watts":30},"voltage":231}',
      ]);
      const plug = inbox.getByTestId('message-row').filter({ hasText: 'herald/plug' });
      await expect.poll(() => plug.count()).toBe(2);
      await plug.first().click();
      const plugChart = inbox.getByRole('img', { name: /^Values of herald\/plug/ });
      await expect
        .poll(() => plugChart.getAttribute('aria-label'))
        .toBe('Values of herald/plug: last 30, min 10, max 30 over 2 messages');
      await inbox.getByLabel('Chart field').selectOption('$.voltage');
      await expect
        .poll(() => plugChart.getAttribute('aria-label'))
        .toBe('Values of herald/plug: last 231, min 230, max 231 over 2 messages');

      // The pick is remembered for that topic, after a reload too; an older message shows the values up to it.
      await page.reload();
      await expect.poll(() => plug.count()).toBe(2);
      await plug.nth(1).click();
      await expect.poll(() => inbox.getByLabel('Chart field').inputValue()).toBe('$.voltage');
      await expect
        .poll(() => plugChart.getAttribute('aria-label'))
        .toBe('Values of herald/plug: last 230, min 230, max 230 over 1 messages');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
