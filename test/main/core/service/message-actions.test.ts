// Action buttons on messages: main sends http actions itself; view and copy go back to the UI.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { runMessageAction } from '../../../../src/main/core/service/message-actions.ts';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function recordingServer(status = 200) {
  const requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { requests, base: `http://127.0.0.1:${port}` };
}

describe('http actions', () => {
  test('are sent by main with their method, headers and body (POST by default)', async () => {
    const { requests, base } = await recordingServer();
    const result = await runMessageAction({
      action: 'http',
      label: 'Close garage',
      url: `${base}/api/close`,
      headers: { 'X-Token': 'abc' },
      body: '{"door":"garage"}',
    });
    expect(result).toEqual({ status: 200 });
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/api/close',
        body: '{"door":"garage"}',
        headers: expect.objectContaining({ 'x-token': 'abc' }),
      }),
    ]);
  });

  test('a failing server is reported with its status', async () => {
    const { base } = await recordingServer(503);
    await expect(runMessageAction({ action: 'http', label: 'Open', url: `${base}/x`, method: 'PUT' })).rejects.toThrow(
      '"Open" failed: HTTP 503',
    );
  });

  test('an unreachable server is reported, not thrown as a crash', async () => {
    await expect(runMessageAction({ action: 'http', label: 'Ping', url: 'http://127.0.0.1:1/' })).rejects.toThrow(
      /"Ping" failed: /,
    );
  });
});

describe('view and copy actions', () => {
  test('view returns only http(s) URLs for the UI to open', async () => {
    expect(await runMessageAction({ action: 'view', label: 'Open', url: 'https://ha.lan/garage' })).toEqual({
      openUrl: 'https://ha.lan/garage',
    });
    await expect(runMessageAction({ action: 'view', label: 'Run', url: 'file:///etc/passwd' })).rejects.toThrow(
      /only http\(s\) links/,
    );
    await expect(runMessageAction({ action: 'view', label: 'Run', url: 'javascript:alert(1)' })).rejects.toThrow(
      /only http\(s\) links/,
    );
  });

  test('copy returns the text; broadcast is Android-only', async () => {
    expect(await runMessageAction({ action: 'copy', label: 'Copy code', value: '123456' })).toEqual({
      copyText: '123456',
    });
    await expect(runMessageAction({ action: 'broadcast', label: 'Tasker' })).rejects.toThrow(/Android-only/);
  });
});
