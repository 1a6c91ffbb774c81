// Generic WebSocket frames through the real core, as `herald serve --source ws://…` runs it: mapped into
// fields, deduplicated by the mapped id, capped by the inbox, and readable through the contract.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../../../../../src/shared/contract.ts';
import type { MessageDetail, MessageSummary } from '../../../../../src/shared/model.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../../helpers/core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function call<T>(t: TestCore, channel: string, payload: unknown): Promise<T> {
  const reply = await dispatch(t.core.handlers, channel, payload);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as T;
}

describe('WebSocket source in the core', () => {
  test('frames reach the inbox with their mapped fields, once per id; binary and 10 MB frames are kept', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          for (const client of wss.clients) client.terminate();
          wss.close(() => r());
        }),
    );
    const clients: WebSocket[] = [];
    wss.on('connection', (ws) => clients.push(ws));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/websocket/user-1`;

    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const t = await startTestCore({
      dataDir: dir.path,
      brokerPort: 'off',
      extraSources: [
        {
          kind: 'websocket',
          name: 'Office push',
          url,
          mapping: {
            title: 'data.title',
            body: 'data.text',
            priority: 'data.level',
            id: 'id',
            url: 'data.link',
            time: 'ts',
          },
        },
      ],
    });
    cleanups.push(() => t.stop());
    const source = () => t.core.getState().sources.find((s) => s.name === 'Office push')!;
    await eventually('connected', () => source().status.state === 'connected');

    const alert = {
      id: 'm-1',
      ts: 1_700_000_000,
      data: { title: 'Server room', text: 'Temperature 31 °C', level: 'urgent', link: 'https://monitor.example/room' },
    };
    const client = clients[0]!;
    client.send(JSON.stringify(alert));
    client.send(JSON.stringify(alert));
    client.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    client.send(JSON.stringify({ id: 'm-2', data: { text: 'z'.repeat(10 * 1024 * 1024) } }));
    await eventually('three stored', () => t.core.getState().total === 3);
    // The duplicate arrived before the big frame; by now it has certainly been seen and skipped.
    const { items } = await call<{ items: MessageSummary[] }>(t, 'inbox.list', { limit: 10 });
    expect(items.map((i) => i.bodyKind)).toEqual(['text', 'binary', 'text']);

    const [big, binary, mapped] = items;
    expect(mapped).toMatchObject({
      title: 'Server room',
      preview: 'Temperature 31 °C',
      priority: 5,
      topic: `${new URL(url).host}/websocket/user-1`,
    });
    const detail = await call<MessageDetail>(t, 'inbox.get', { id: mapped!.id });
    expect(detail).toMatchObject({
      body: 'Temperature 31 °C',
      sourceName: 'Office push',
      extras: { clickUrl: 'https://monitor.example/room', sentAt: 1_700_000_000_000, serverId: 'm-1' },
      properties: { frame: 'text' },
    });
    expect(binary!.preview).toBe('de ad be ef');
    expect(big).toMatchObject({ truncated: true, size: 10 * 1024 * 1024 });
    expect(source().status).toMatchObject({ state: 'connected' });
    expect(source().status.dropped).toBeUndefined();
  });
});
