// The Sources and Publish pages in Simplified Chinese, end to end in Chromium: after switching the language the
// headings, buttons, field labels and the source form's own checks are Chinese, and switching back restores the
// English names the other tests look things up by. The language switch also reaches Herald itself, so what it
// composes (notifications, the tray) speaks the UI's language, and is told again after a reconnect.
import { describe, expect, it } from 'vitest';
import { openHerald, useHeraldAndBrowser, type OpenedPage } from './harness.ts';
import { startTcpProxy } from './tcp-proxy.ts';

/** The title of the last notification Herald pushed to the page. */
const lastNotificationTitle = ({ events }: OpenedPage) =>
  (events.filter((e) => e.event === 'notify').at(-1)?.payload as { title?: string } | undefined)?.title;
/** The language Herald's latest app.state says it speaks. */
const heraldLocale = ({ events }: OpenedPage) =>
  (events.filter((e) => e.event === 'app.state').at(-1)?.payload as { locale?: string } | undefined)?.locale;
const setLocaleRequests = ({ requests }: OpenedPage) => requests.filter((r) => r.channel === 'app.setLocale');

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

  it("tells Herald the UI's language, so its own notifications follow, and tells it again after a reconnect", async () => {
    const proxy = await startTcpProxy(Number(new URL(env.server.origin).port));
    const viaProxy = new URL(env.server.url);
    viaProxy.port = String(proxy.port);
    const opened = await openHerald(env.browser, env.server, { url: viaProxy.href });
    const { context, page, errors } = opened;
    try {
      // Following the browser (English here), Herald is told English and its test notification is English.
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Send test notification' }).click();
      await expect.poll(() => lastNotificationTitle(opened)).toBe('Herald test notification');

      // The header's switch (the Settings page shown has one too).
      const header = page.getByRole('banner');
      await header.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      await expect.poll(() => heraldLocale(opened)).toBe('zh-CN');
      await page.getByRole('button', { name: '发送测试通知' }).click();
      await expect.poll(() => lastNotificationTitle(opened)).toBe('Herald 测试通知');
      expect(errors).toEqual([]);

      // The link drops and comes back: the language is sent again on the new connection.
      const sentBefore = setLocaleRequests(opened).length;
      const banner = page.getByTestId('disconnected-banner');
      await proxy.cut();
      await banner.waitFor();
      await proxy.restore();
      await banner.waitFor({ state: 'detached', timeout: 15_000 });
      await expect
        .poll(() => setLocaleRequests(opened).slice(sentBefore))
        .toEqual([{ channel: 'app.setLocale', payload: { locale: 'zh-CN' } }]);

      // Back in English for the tests after this one; Herald follows.
      await header.getByRole('combobox', { name: '语言' }).selectOption('en');
      await expect.poll(() => heraldLocale(opened)).toBe('en');
    } finally {
      await context.close();
      await proxy.close();
    }
  });
});
