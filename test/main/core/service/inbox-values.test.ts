// inbox.values through the contract's dispatch, on a real inbox file: the numbers of one source's topic, newest
// first, read from the whole payload or a JSON path; messages without a number left out; limit and before.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../../src/shared/contract.ts';
import { createInboxHandlers } from '../../../../src/main/core/service/inbox-handlers.ts';
import { defaultSettings } from '../../../../src/main/core/settings/schema.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { StoreWrites } from '../../../../src/main/core/store/inbox-writes.ts';
import { tempDir } from '../../../helpers/core.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

interface Values {
  points: { id: number; receivedAt: number; value: number }[];
  numeric: boolean;
}

let dir: { path: string; remove(): void };
let store: MessageStore;
let handlers: Handlers;

async function values(request: Record<string, unknown>): Promise<Values> {
  const reply = await dispatch(handlers, 'inbox.values', request);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as Values;
}

function publish(topic: string, bodies: string[], sourceId = 'src-1'): number[] {
  return insert(
    store,
    bodies.map((body, i) => newMessage(body, { topic, sourceId, receivedAt: 1_000 + i })),
  ).map((m) => m.id);
}

beforeEach(() => {
  dir = tempDir('herald-inbox-values-');
  store = MessageStore.open(join(dir.path, 'inbox.sqlite'));
  const settings = defaultSettings();
  handlers = createInboxHandlers({
    store,
    writes: new StoreWrites(store),
    readChanged: () => {},
    removed: () => {},
    settings: () => settings,
    saveSettings: () => {},
    retention: { run: async () => {}, progress: () => null },
  }) as Handlers;
});
afterEach(() => {
  store.close();
  dir.remove();
});

describe('inbox.values', () => {
  it('reads plain numbers newest first, leaving out what is not one', async () => {
    const ids = publish('home/temp', ['19.5', ' 21 ', 'offline', '-3e1', '{"temp":5}', '7 °C']);
    const reply = await values({ sourceId: 'src-1', topic: 'home/temp' });
    expect(reply.numeric).toBe(true);
    // Text around a number, other text and a JSON object (no path asked) have no number of their own.
    expect(reply.points).toEqual([
      { id: ids[3], receivedAt: 1_003, value: -30 },
      { id: ids[1], receivedAt: 1_001, value: 21 },
      { id: ids[0], receivedAt: 1_000, value: 19.5 },
    ]);
  });

  it('reads the number at a JSON path, nested or in an array, text that is a number included', async () => {
    const ids = publish('zigbee/plug', [
      '{"power":{"watts":12.5},"list":[7],"on":true}',
      '{"power":{"watts":"13"}}',
      '{"power":{"watts":null}}',
      '{"power":"off"}',
      '{"power":{"watts":14}',
    ]);
    const watts = await values({ sourceId: 'src-1', topic: 'zigbee/plug', path: '$.power.watts' });
    expect(watts.points.map((p) => [p.id, p.value])).toEqual([
      [ids[1], 13],
      [ids[0], 12.5],
    ]);
    const first = await values({ sourceId: 'src-1', topic: 'zigbee/plug', path: '$.list[0]' });
    expect(first.points.map((p) => p.value)).toEqual([7]);
    const on = await values({ sourceId: 'src-1', topic: 'zigbee/plug', path: '$.on' });
    expect(on.points.map((p) => p.value)).toEqual([1]);
    expect(await values({ sourceId: 'src-1', topic: 'zigbee/plug', path: '$.missing' })).toEqual({
      points: [],
      numeric: false,
    });
  });

  it('takes only the newest `limit` messages of that source and topic, and pages with before', async () => {
    const mine = publish(
      'home/temp',
      Array.from({ length: 30 }, (_, i) => String(i)),
    );
    publish('home/temp', ['100', '101'], 'src-2');
    publish('home/temperature', ['200']);
    publish('home', ['300']);
    const newest = await values({ sourceId: 'src-1', topic: 'home/temp', limit: 5 });
    expect(newest.points.map((p) => p.value)).toEqual([29, 28, 27, 26, 25]);
    const older = await values({ sourceId: 'src-1', topic: 'home/temp', limit: 5, before: mine[25] });
    expect(older.points.map((p) => p.value)).toEqual([24, 23, 22, 21, 20]);
    const all = await values({ sourceId: 'src-1', topic: 'home/temp' });
    expect(all.points.map((p) => p.id)).toEqual([...mine].reverse());
    const other = await values({ sourceId: 'src-2', topic: 'home/temp' });
    expect(other.points.map((p) => p.value)).toEqual([101, 100]);
    // `limit` counts messages, not numbers: a newest message without one leaves a point out.
    publish('home/temp', ['n/a']);
    expect((await values({ sourceId: 'src-1', topic: 'home/temp', limit: 2 })).points.map((p) => p.value)).toEqual([
      29,
    ]);
  });

  it('refuses a path that is not one and a limit beyond 1000', async () => {
    await expect(values({ sourceId: 'src-1', topic: 't', path: 'temp' })).rejects.toThrow(
      /invalid_request: .*path must be a JSON path/,
    );
    await expect(values({ sourceId: 'src-1', topic: 't', limit: 1001 })).rejects.toThrow(/invalid_request/);
    expect(await values({ sourceId: 'src-1', topic: 't', path: '$' })).toEqual({ points: [], numeric: false });
  });
});
