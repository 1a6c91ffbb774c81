// A small ntfy server for end-to-end tests: the JSON stream endpoints Herald's ntfy source uses
// (`/<topics>/json?poll=1` answers the cache, `/<topics>/json` streams), plus plain endpoints for action
// buttons to hit. Real HTTP on 127.0.0.1; the test publishes events to every open stream.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeNtfy {
  url: string;
  /** Writes one event (as a JSON line) to every open stream. */
  publish(event: Record<string, unknown>): void;
  /** Streams open right now. */
  streams(): number;
  /** Requests to anything but the topic endpoints (action buttons, opened links), in order. */
  hits: { method: string; path: string; body: string }[];
  close(): Promise<void>;
}

export async function startFakeNtfy(): Promise<FakeNtfy> {
  const open = new Set<ServerResponse>();
  const hits: FakeNtfy['hits'] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname.endsWith('/json')) {
      const topics = url.pathname.slice(1, -'/json'.length);
      response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
      // The cache is empty: a poll ends at once.
      if (url.searchParams.get('poll') === '1') return response.end();
      response.write(
        `${JSON.stringify({ id: 'open0000000', time: Math.floor(Date.now() / 1000), event: 'open', topic: topics })}\n`,
      );
      open.add(response);
      response.on('close', () => open.delete(response));
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      hits.push({ method: request.method ?? '', path: url.pathname, body });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    publish(event) {
      const line = `${JSON.stringify(event)}\n`;
      for (const response of open) response.write(line);
    },
    streams: () => open.size,
    hits,
    close: () =>
      new Promise((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
