// "Test connection" for the HTTP kinds against real local servers: Gotify's token (REST) and /stream, an SSE
// endpoint's 401/403 and content type, a WebSocket upgrade refused with 401 and a server that hangs up on the
// subscribe frame.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { testConnection } from '../../../../src/main/core/connection-test/connection-test.ts';
import type { ConnectionTestResult } from '../../../../src/shared/connection-test.ts';
import { SourceSettings, type SecretValues } from '../../../../src/shared/sources.ts';
import { GotifyTestServer } from '../../../helpers/gotify-server.ts';
import { frameText } from '../../../helpers/ws.ts';

const TIMEOUT = { timeoutMs: 3_000 };
const outline = (result: ConnectionTestResult) => result.steps.map((s) => `${s.step} ${s.status}`).join(', ');
const failedDetail = (result: ConnectionTestResult) => result.steps.find((s) => s.status === 'failed')?.detail;

function target(fields: Record<string, unknown>, secrets: SecretValues = {}) {
  return { settings: SourceSettings.parse({ name: 't', ...fields }), secrets };
}

describe('Gotify', () => {
  let gotify: GotifyTestServer;
  beforeAll(async () => {
    gotify = await GotifyTestServer.start({ clientTokens: ['good-token'] });
  });
  afterAll(async () => gotify?.stop());

  test('a wrong client token fails authentication with HTTP 401', async () => {
    const result = await testConnection(target({ kind: 'gotify', url: gotify.url }, { token: 'bad' }), TIMEOUT);
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth failed');
    expect(failedDetail(result)).toMatch(/refused the credentials.*HTTP 401/);
  });

  test('the right token: the message stream opens', async () => {
    const result = await testConnection(target({ kind: 'gotify', url: gotify.url }, { token: 'good-token' }), TIMEOUT);
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe passed');
  });
});

describe('SSE and WebSocket', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/forbidden') return res.writeHead(403).end('no');
      if (req.headers.authorization !== 'Bearer sse-token') return res.writeHead(401).end('who are you');
      if (req.url === '/html') return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>hi</p>');
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': hello\n\n');
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (req.headers.authorization !== 'Bearer ws-token') {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', (data) => {
          if (frameText(data) !== 'subscribe me') ws.close(4003, 'not allowed');
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('SSE: no token is a 401, a forbidden stream a 403, a page that is not a stream fails the subscription', async () => {
    const sse = (path: string, token?: string) =>
      testConnection(target({ kind: 'sse', url: `http://${base}${path}` }, token ? { token } : {}), TIMEOUT);
    expect(failedDetail(await sse('/events'))).toMatch(/needs credentials.*HTTP 401/);
    expect(failedDetail(await sse('/forbidden', 'sse-token'))).toMatch(/not allowed to read this stream: HTTP 403/);
    const html = await sse('/html', 'sse-token');
    expect(outline(html)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe failed');
    expect(failedDetail(html)).toMatch(/text\/html, not text\/event-stream/);
    expect((await sse('/events', 'sse-token')).ok).toBe(true);
  });

  test('WebSocket: a refused upgrade fails authentication; a refused subscribe frame fails the subscription', async () => {
    const ws = (token: string, openMessage?: string) =>
      testConnection(
        target({ kind: 'websocket', url: `ws://${base}/push`, ...(openMessage ? { openMessage } : {}) }, { token }),
        TIMEOUT,
      );
    const refused = await ws('wrong');
    expect(outline(refused)).toBe('dns passed, tcp passed, tls skipped, auth failed');
    expect(failedDetail(refused)).toMatch(/HTTP 401/);
    const badFrame = await ws('ws-token', 'let me in');
    expect(outline(badFrame)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe failed');
    expect(failedDetail(badFrame)).toMatch(/closed the connection after the open message \(4003 not allowed\)/);
    expect((await ws('ws-token', 'subscribe me')).ok).toBe(true);
    expect(outline(await ws('ws-token'))).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe skipped');
  });
});
