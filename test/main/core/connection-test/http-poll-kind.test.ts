// "Test connection" for an HTTP polling source against a real local server: a 401 without the token, a page
// that is not JSON, a JSON endpoint that passes, and a long-poll endpoint that holds the request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testConnection } from '../../../../src/main/core/connection-test/connection-test.ts';
import type { ConnectionTestResult } from '../../../../src/shared/connection-test.ts';
import { SourceSettings, type SecretValues } from '../../../../src/shared/sources.ts';

const TIMEOUT = { timeoutMs: 1_000 };
const outline = (result: ConnectionTestResult) => result.steps.map((s) => `${s.step} ${s.status}`).join(', ');
const failedDetail = (result: ConnectionTestResult) => result.steps.find((s) => s.status === 'failed')?.detail;

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.headers.authorization !== 'Bearer api-token') return res.writeHead(401).end('who are you');
    if (req.url === '/html') return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>hi</p>');
    if (req.url === '/wait') return; // held until the connection closes
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function check(path: string, secrets: SecretValues, mode: 'poll' | 'long-poll' = 'poll') {
  const settings = SourceSettings.parse({ name: 't', kind: 'http', url: `${base}${path}`, mode });
  return testConnection({ settings, secrets }, TIMEOUT);
}

test('no token is a 401; a page that is not JSON fails the subscription; a JSON endpoint passes', async () => {
  expect(failedDetail(await check('/alerts', {}))).toMatch(/needs credentials.*HTTP 401/);
  const html = await check('/html', { token: 'api-token' });
  expect(outline(html)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe failed');
  expect(failedDetail(html)).toMatch(/text\/html, not JSON/);
  const good = await check('/alerts', { token: 'api-token' });
  expect(outline(good)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe passed');
});

test('a long-poll endpoint that holds the request passes authentication and skips the subscription', async () => {
  const held = await check('/wait', { token: 'api-token' }, 'long-poll');
  expect(outline(held)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe skipped');
  // The same hold on a short-poll endpoint is a failure: it should answer.
  expect(failedDetail(await check('/wait', { token: 'api-token' }))).toBe('no answer within 1000 ms');
});
