// The Sources and Publish pages in Simplified Chinese, end to end in Chromium: after switching the language the
// headings, buttons, field labels and the source form's own checks are Chinese, and switching back restores the
// English names the other tests look things up by.
import { describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser } from './harness.ts';

describe('languages', () => {
  const env = useHeraldAndBrowser();

  it('shows the Sources and Publish pages in Chinese after switching to 中文', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      const nav = page.getByRole('navigation', { name: '页面' });

      await nav.getByRole('button', { name: '消息源' }).click();
      const sources = page.locator('.sources-page');
      await sources.getByRole('heading', { name: '消息源' }).waitFor();
      await sources.getByRole('button', { name: '全部重新连接' }).waitFor();
      // The embedded broker's source, summed up in Chinese.
      const item = sources.getByTestId('source-item').first();
      await item.getByText('内置 Broker').waitFor();
      await item.getByRole('button', { name: /^测试与 .+ 的连接$/ }).waitFor();

      await sources.getByRole('button', { name: '添加消息源' }).click();
      const form = sources.getByRole('form', { name: '添加消息源' });
      await form.getByLabel('名称', { exact: true }).waitFor();
      await form.getByRole('button', { name: '测试连接' }).waitFor();
      // Submitting the empty form shows the form's own check in Chinese.
      await form.getByRole('button', { name: '添加消息源' }).click();
      await form.getByText(/^请输入 URL，例如 mqtt:\/\//).waitFor();
      await form.getByRole('button', { name: '取消' }).click();

      await nav.getByRole('button', { name: '发布' }).click();
      const publish = page.locator('.publish-page');
      await publish.getByRole('heading', { name: '发布', exact: true }).waitFor();
      await publish.getByRole('heading', { name: '最近发布' }).waitFor();
      const panel = publish.getByRole('region', { name: '发布' });
      await panel.getByLabel('主题').waitFor();
      expect(await panel.getByRole('button', { name: '发送' }).count()).toBe(1);
      expect(await panel.getByRole('group', { name: '载荷格式' }).count()).toBe(1);
      const buttons = publish.getByRole('region', { name: '按钮' });
      await buttons.getByRole('button', { name: '添加按钮' }).waitFor();

      // Back in English, the names every other test uses are there again.
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Publish' }).waitFor();
      await publish.getByRole('region', { name: 'Publish' }).getByRole('button', { name: 'Send' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
