// The headless server is reachable by anything on this machine, so every page and bridge connection needs the
// run's token; the UI must survive a reload that loses the token from the address.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mosquittoPubOne } from '../helpers/mosquitto.ts';
import { frameText } from '../helpers/ws.ts';
import { messageRows, openHerald, useHeraldAndBrowser } from './harness.ts';

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

describe('bridge access', () => {
  const env = useHeraldAndBrowser();

  it('refuses the page and its assets without the token', async () => {
    expect((await fetch(`${env.server.origin}/`)).status).toBeOneOf([401, 403]);
    expect((await fetch(`${env.server.origin}/?token=wrong`)).status).toBeOneOf([401, 403]);
    const index = await fetch(env.server.url);
    expect(index.status).toBe(200);
    const asset = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${env.server.origin}/${asset}`)).status).toBeOneOf([401, 403]);
  });

  it('refuses a bridge WebSocket without the right token or from another origin', async () => {
    const bridge = `ws://${new URL(env.server.origin).host}/bridge`;
    expect(await upgradeStatus(bridge)).toBeOneOf([401, 403]);
    expect(await upgradeStatus(`${bridge}?token=wrong`)).toBeOneOf([401, 403]);
    expect(await upgradeStatus(`${bridge}?token=${env.server.token}`, { Origin: 'http://evil.example' })).toBeOneOf([
      401, 403,
    ]);
    expect(await upgradeStatus(`${bridge}?token=${env.server.token}`)).toBe(101);
  });

  it('answers contract requests over the bridge with the token', async () => {
    const socket = new WebSocket(`ws://${new URL(env.server.origin).host}/bridge?token=${env.server.token}`);
    try {
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const reply = new Promise<unknown>((resolve) =>
        socket.on('message', (data) => {
          const frame = JSON.parse(frameText(data)) as { type: string; id?: number; reply?: unknown };
          if (frame.type === 'reply' && frame.id === 7) resolve(frame.reply);
        }),
      );
      socket.send(JSON.stringify({ type: 'request', id: 7, channel: 'app.getState', payload: {} }));
      expect(await reply).toMatchObject({ ok: true, value: { broker: { port: env.server.brokerPort } } });
    } finally {
      socket.close();
    }
  });

  it('keeps working after a reload whose address lost the token', async () => {
    const { context, page, errors } = await openHerald(env.browser, env.server);
    try {
      // The page keeps the token in sessionStorage; the server's cookie covers the page and assets.
      const bridgeUrl = page.waitForEvent('websocket').then((socket) => socket.url());
      await page.goto(`${env.server.origin}/#`);
      expect(new URL(await bridgeUrl).searchParams.get('token')).toBe(env.server.token);
      await page.getByText(`Embedded broker on 127.0.0.1:${env.server.brokerPort}`).waitFor();
      await mosquittoPubOne(env.server.brokerPort!, 'herald/after-reload', 'still here');
      await messageRows(page).filter({ hasText: 'still here' }).waitFor();
      expect(await page.getByTestId('disconnected-banner').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells the user how to get in when the page has no token at all', async () => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(`${env.server.origin}/`);
      expect(response?.status()).toBeOneOf([401, 403]);
      expect(await page.textContent('body')).toContain('token');
    } finally {
      await context.close();
    }
  });
});
