// Generic SSE through the real core and a real SQLite inbox: the last event id is saved with each message, so
// after Herald restarts it resumes with Last-Event-ID, and what the server sends again is not stored twice.
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../../../../src/shared/contract.ts';
import type { MessageSummary } from '../../../../../src/shared/model.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../../helpers/core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function titles(t: TestCore): Promise<string[]> {
  const reply = await dispatch(t.core.handlers, 'inbox.list', { limit: 100 });
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { items: MessageSummary[] }).items.map((i) => i.title).reverse();
}

describe('SSE source in the core', () => {
  test('resumes after a restart from the id saved with the last stored message; replays are stored once', async () => {
    const history: { id: string; title: string }[] = [];
    const lastEventIds: (string | undefined)[] = [];
    const open = new Set<ServerResponse>();
    const server = createServer((request, response) => {
      const lastId = request.headers['last-event-id'] as string | undefined;
      lastEventIds.push(lastId);
      response.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      // Like many servers, it replays from the given id inclusive: Herald must not store that one again.
      const from = Math.max(
        0,
        history.findIndex((e) => e.id === lastId),
      );
      for (const e of history.slice(from)) response.write(`id: ${e.id}\ndata: {"title":"${e.title}"}\n\n`);
      open.add(response);
      response.on('close', () => open.delete(response));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    const publish = (id: string, title: string) => {
      history.push({ id, title });
      for (const response of open) response.write(`id: ${id}\ndata: {"title":"${title}"}\n\n`);
    };

    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const run = () =>
      startTestCore({
        dataDir: dir.path,
        brokerPort: 'off',
        extraSources: [{ kind: 'sse', name: 'Events', url, mapping: { title: 'title' } }],
      });

    const first = await run();
    await eventually('streaming', () => open.size === 1);
    publish('e1', 'one');
    publish('e2', 'two');
    await eventually('two stored', () => first.core.getState().total === 2);
    await first.stop();

    publish('e3', 'three (while Herald was off)');
    const second = await run();
    cleanups.push(() => second.stop());
    await eventually('caught up', () => second.core.getState().total === 3);
    publish('e4', 'four');
    await eventually('live', () => second.core.getState().total === 4);
    expect(lastEventIds).toEqual([undefined, 'e2']);
    expect(await titles(second)).toEqual(['one', 'two', 'three (while Herald was off)', 'four']);
  });

  test('an id a restarted server hands out again for a new event is not mistaken for a replay', async () => {
    // A server numbering events with an in-memory counter: after its restart, ids start at 1 again.
    let restarted = false;
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      if (!restarted) {
        response.write('id: 1\ndata: {"title":"before the restart"}\n\n');
      } else {
        expect(request.headers['last-event-id']).toBe('1');
        // It does not know Herald's id any more and replays what it has, then numbers new events from 1.
        response.write('id: 1\ndata: {"title":"after the restart"}\n\n');
        response.write('id: 1\ndata: {"title":"after the restart"}\n\n');
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const t = await startTestCore({
      dataDir: dir.path,
      brokerPort: 'off',
      extraSources: [{ kind: 'sse', name: 'Counter', url, mapping: { title: 'title' } }],
    });
    cleanups.push(() => t.stop());
    await eventually('first event', () => t.core.getState().total === 1);

    restarted = true;
    server.closeAllConnections();
    await eventually('the new event 1', () => t.core.getState().total === 2);
    // The same event sent twice is still stored once.
    await new Promise((r) => setTimeout(r, 200));
    expect(await titles(t)).toEqual(['before the restart', 'after the restart']);
  });
});
