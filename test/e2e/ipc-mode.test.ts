// The renderer's Electron branch, without Electron: a stand-in `window.herald` (the preload's shape) is put in
// the page before it loads, carrying the contract over its own bridge socket. The renderer must pick it over
// the WebSocket transport and leave desktop notifications to main.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

/** Runs in the page before any of its scripts: a preload look-alike that counts its calls. */
function installFakePreload(bridgeUrl: string) {
  const calls: string[] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, (reply: unknown) => void>();
  let nextId = 1;
  const socket = new WebSocket(bridgeUrl);
  const opened = new Promise((resolve) => socket.addEventListener('open', resolve));
  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(String(message.data));
    if (frame.type === 'reply') pending.get(frame.id)?.(frame.reply);
    else if (frame.type === 'event') for (const listener of listeners) listener(frame.event, frame.payload);
  });
  const shown: string[] = [];
  Object.assign(window, {
    __ipcCalls: calls,
    __shown: shown,
    // Any Web Notification in IPC mode would be a duplicate of main's native one.
    Notification: Object.assign(
      function FakeNotification(title: string) {
        shown.push(title);
      },
      { permission: 'granted', requestPermission: async () => 'granted' },
    ),
    herald: {
      async invoke(channel: string, payload: unknown) {
        calls.push(channel);
        await opened;
        const id = nextId++;
        socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
        return new Promise((resolve) => pending.set(id, resolve));
      },
      subscribe(listener: (event: string, payload: unknown) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  });
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as { __ipcCalls: string[] }).__ipcCalls);

describe('IPC mode (window.herald present)', () => {
  const env = useHeraldAndBrowser();

  it('uses window.herald for everything and shows no browser notification UI', async () => {
    const bridgeUrl = `ws://${new URL(env.server.origin).host}/bridge?token=${env.server.token}`;
    const sockets: string[] = [];
    const { context, page, errors } = await openHerald(env.browser, env.server, {
      beforeLoad: async (page) => {
        page.on('websocket', (socket) => sockets.push(socket.url()));
        await page.addInitScript(installFakePreload, bridgeUrl);
      },
    });
    try {
      expect(await calls(page)).toContain('app.getState');
      await mosquittoPubOne(
        env.server.brokerPort!,
        'herald/ipc',
        JSON.stringify({ title: 'Via IPC', message: 'hello from main' }),
      );
      const row = messageRows(page).filter({ hasText: 'Via IPC' });
      await row.waitFor();
      await expect.poll(() => page.title()).toBe('(1) Herald');
      await row.click();
      await expect.poll(() => page.title()).toBe('Herald');
      expect(await calls(page)).toEqual(expect.arrayContaining(['inbox.list', 'inbox.get', 'inbox.markRead']));

      // Only the stand-in's socket: the renderer opened no bridge connection of its own.
      expect(sockets).toEqual([bridgeUrl]);
      expect(await page.getByRole('button', { name: 'Enable desktop notifications' }).count()).toBe(0);
      await page.waitForTimeout(1_000); // past the burst window, when main sends `notify`
      expect(await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
