// A release feed on 127.0.0.1 for the update check's tests: answers every request with what `reply` says
// (a latest.yml, an HTTP error, or nothing at all) and counts the requests.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FeedReply = { status?: number; body?: string } | 'hang';

export interface FeedServer {
  url: string;
  requests: string[];
  reply: FeedReply;
  close(): Promise<void>;
}

export function latestYml(version: string): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: Herald-${version}.AppImage`,
    '    sha512: 3a3f0Yw==',
    '    size: 104857600',
    `path: Herald-${version}.AppImage`,
    'sha512: 3a3f0Yw==',
    "releaseDate: '2026-11-30T10:00:00.000Z'",
    '',
  ].join('\n');
}

export async function startFeedServer(reply: FeedReply = { body: latestYml('0.1.0') }): Promise<FeedServer> {
  const hanging = new Set<ServerResponse>();
  const feed: FeedServer = {
    url: '',
    requests: [],
    reply,
    close: () =>
      new Promise<void>((done) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  const server = createServer((request, response) => {
    feed.requests.push(request.url ?? '');
    if (feed.reply === 'hang') {
      hanging.add(response);
      return;
    }
    response.writeHead(feed.reply.status ?? 200, { 'content-type': 'text/yaml' });
    response.end(feed.reply.body ?? '');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/latest.yml`;
  return feed;
}
