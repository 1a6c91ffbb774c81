// The inbound webhook with real HTTP requests against Herald's own web server and a real core: the token is
// required (and refused without detail), JSON and text bodies become inbox messages through the pipeline,
// bodies are capped, posts are rate-limited, and nothing answers until a webhook source exists.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebServer, type RunningWebServer } from '../../../../../src/main/core/bridge/web-server.ts';
import { dispatch, type CommandName, type CommandResponse } from '../../../../../src/shared/contract.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../../helpers/core.ts';

const TOKEN = 'hook-secret-0123456789';
let herald: TestCore;
let web: RunningWebServer;
let base: string;
const dir = tempDir();

async function call<C extends CommandName>(name: C, request: unknown): Promise<CommandResponse<C>> {
  const reply = await dispatch(herald.core.handlers, name, request);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as CommandResponse<C>;
}

beforeAll(async () => {
  herald = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
  web = await startWebServer({ core: herald.core, rendererDir: dir.path, host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${web.port}`;
});
afterAll(async () => {
  await web?.close();
  await herald?.stop();
  dir.remove();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers });
const bearer = { Authorization: `Bearer ${TOKEN}` };

/** Posts `size` bytes in 64 KB chunks; resolves with the status the server answered (it may stop reading). */
function rawPost(path: string, size: number, declareLength: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: 'POST',
      headers: { ...bearer, ...(declareLength ? { 'Content-Length': String(size) } : {}) },
    });
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // Writing on after the server has answered and closed: expected, the status is what counts.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err),
    );
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function newest() {
  const page = await call('inbox.list', {});
  return page.items[0];
}

describe('webhook', () => {
  test('off by default: with no webhook source every post is refused', async () => {
    const response = await post('/hook/ci', 'hello', bearer);
    expect(response.status).toBe(401);
  });

  test('a webhook source answers POST /hook/NAME; JSON fields become the message', async () => {
    await call('sources.add', {
      kind: 'webhook',
      name: 'CI',
      url: `${base}/hook/ci`,
      token: TOKEN,
      perMinute: 5,
    });
    const response = await post(
      '/hook/ci',
      JSON.stringify({
        title: 'Build failed',
        message: 'main is red',
        priority: 'high',
        click: 'https://ci.example/1',
        tags: ['ci', 'red'],
      }),
      { ...bearer, 'Content-Type': 'application/json' },
    );
    expect(response.status).toBe(200);
    const message = await newest();
    expect(message).toMatchObject({ title: 'Build failed', preview: 'main is red', priority: 4, topic: 'hook/ci' });
    expect(message?.sourceName).toBe('CI');
    const detail = await call('inbox.get', { id: message!.id });
    expect(detail?.extras).toMatchObject({ clickUrl: 'https://ci.example/1', tags: ['ci', 'red'] });
  });

  test('its status is connected while a web server answers hooks, and says so when none does', async () => {
    const ci = () => herald.core.getState().sources.find((source) => source.name === 'CI');
    expect(ci()?.status.state).toBe('connected');
    await web.close();
    await eventually('no server', () => ci()?.status.error?.includes('herald serve'));
    web = await startWebServer({ core: herald.core, rendererDir: dir.path, host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${web.port}`;
    await eventually('served again', () => ci()?.status.state === 'connected');
  });

  test('plain text with ?token= is the message itself', async () => {
    expect((await post(`/hook/ci?token=${TOKEN}`, 'disk almost full')).status).toBe(200);
    expect((await newest())?.preview).toBe('disk almost full');
  });

  test('a wrong, missing or misplaced token and an unknown hook all get the same bare 401', async () => {
    const answers = await Promise.all([
      post('/hook/ci', 'x', { Authorization: 'Bearer wrong' }),
      post('/hook/ci', 'x'),
      post('/hook/other', 'x', bearer),
      post('/hook/ci?token=wrong', 'x'),
    ]);
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(new Set(await Promise.all(answers.map((r) => r.text())))).toEqual(new Set(['unauthorized\n']));
    expect((await fetch(`${base}/hook/ci`, { headers: bearer })).status).toBe(405);
  });

  test('a 10 MB body is refused (413) and nothing is stored; a bad JSON body is a 400', async () => {
    const before = (await call('app.getState', {})).total;
    // Declared up front, and streamed without a length (chunked): both are cut off at the cap.
    expect(await rawPost('/hook/ci', 10 * 1024 * 1024, true)).toBe(413);
    expect(await rawPost('/hook/ci', 10 * 1024 * 1024, false)).toBe(413);
    const bad = await post('/hook/ci', '{"title": ', { ...bearer, 'Content-Type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('not valid JSON');
    expect((await call('app.getState', {})).total).toBe(before);
  });

  test('more posts than the hook allows per minute are answered 429 with Retry-After', async () => {
    await call('sources.add', {
      kind: 'webhook',
      name: 'Limited',
      url: `${base}/hook/limited`,
      token: TOKEN,
      perMinute: 2,
    });
    await eventually('hook registered', async () => (await post('/hook/limited', 'one', bearer)).status === 200);
    const second = await post('/hook/limited', 'two', bearer);
    const third = await post('/hook/limited', 'three', bearer);
    expect([second.status, third.status]).toEqual([200, 429]);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test('a removed webhook source stops answering', async () => {
    const limited = (await call('sources.list', {})).find((s) => s.name === 'Limited')!;
    await call('sources.remove', { id: limited.id });
    expect((await post('/hook/limited', 'x', bearer)).status).toBe(401);
  });
});
