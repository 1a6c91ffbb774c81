// Browser mode's server: the token guards every page and the bridge; the bridge carries the contract.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type RunningWebServer } from '../../../../src/main/core/bridge/web-server.ts';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { frameText } from '../../../helpers/ws.ts';

let t: TestCore;
let web: RunningWebServer;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  const data = tempDir();
  const renderer = tempDir();
  dirs.push(data, renderer);
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Herald</title>');
  mkdirSync(join(renderer.path, 'assets'));
  writeFileSync(join(renderer.path, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(data.path, 'secret.txt'), 'do not serve');
  t = await startTestCore({ dataDir: data.path, brokerPort: 'off' });
  web = await startWebServer({ core: t.core, rendererDir: renderer.path, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await web?.close();
  await t?.stop();
  for (const dir of dirs) dir.remove();
});

const base = () => `http://127.0.0.1:${web.port}`;

function openBridge(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function nextFrame(
  ws: WebSocket,
  match: (frame: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching frame within 5 s')), 5000);
    ws.on('message', function onMessage(data) {
      const frame = JSON.parse(frameText(data));
      if (!match(frame)) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(frame);
    });
  });
}

describe('the token', () => {
  test('pages are refused without it', async () => {
    const res = await fetch(`${base()}/`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('token');
    expect((await fetch(`${base()}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base()}/assets/app.js`)).status).toBe(401);
  });

  test('the printed URL opens the app and sets a cookie that later requests use', async () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    const res = await fetch(web.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    const asset = await fetch(`${base()}/assets/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  test('paths outside the UI folder are not served', async () => {
    const res = await fetch(`${base()}/..%2F..%2Fsecret.txt?token=${web.token}`);
    expect(res.status).toBe(404);
  });

  test('the bridge refuses a WebSocket without the token or from another origin', async () => {
    await expect(openBridge(`ws://127.0.0.1:${web.port}/bridge`)).rejects.toThrow(/401/);
    await expect(
      openBridge(`ws://127.0.0.1:${web.port}/bridge?token=${web.token}`, { origin: 'http://evil.example' }),
    ).rejects.toThrow(/401/);
  });
});

describe('the bridge', () => {
  test('carries commands with replies and pushes events', async () => {
    const ws = await openBridge(`ws://127.0.0.1:${web.port}/bridge?token=${web.token}`);
    try {
      const reply = nextFrame(ws, (f) => f.type === 'reply' && f.id === 1);
      ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'app.getState', payload: {} }));
      expect(await reply).toMatchObject({ reply: { ok: true, value: { total: 0, unread: 0, paused: false } } });

      const event = nextFrame(ws, (f) => f.type === 'event' && f.event === 'app.state');
      ws.send(
        JSON.stringify({ type: 'request', id: 2, channel: 'notifications.setPaused', payload: { paused: true } }),
      );
      expect(await event).toMatchObject({ payload: { paused: true } });

      const refused = nextFrame(ws, (f) => f.type === 'reply' && f.id === 3);
      ws.send(JSON.stringify({ type: 'request', id: 3, channel: 'inbox.get', payload: { id: 'x' } }));
      expect(await refused).toMatchObject({ reply: { ok: false, error: { code: 'invalid_request' } } });
    } finally {
      ws.close();
    }
  });

  test('a malformed frame closes that connection with a reason', async () => {
    const ws = await openBridge(`ws://127.0.0.1:${web.port}/bridge?token=${web.token}`);
    const closed = new Promise<[number, string]>((resolve) =>
      ws.once('close', (code, reason) => resolve([code, reason.toString()])),
    );
    ws.send('{not json');
    expect(await closed).toEqual([1003, 'malformed request frame']);
  });
});
