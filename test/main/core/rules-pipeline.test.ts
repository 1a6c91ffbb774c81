// Rules through the real pipeline against a real Mosquitto: what a rules document decides is what the inbox
// holds, what the export says, and which notifications are shown (urgent on its own, limits summed up).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, startTestCore, tempDir } from '../../helpers/core.ts';
import { mosquittoPub, startMosquitto, type Mosquitto } from '../../helpers/mosquitto.ts';
import { exportInbox } from '../../../src/main/cli/export.ts';
import { Writable } from 'node:stream';

let mosquitto: Mosquitto;
beforeAll(async () => {
  mosquitto = await startMosquitto();
});
afterAll(async () => {
  await mosquitto?.stop();
});

const rules = {
  version: 1 as const,
  rules: [
    { name: 'debug noise', match: { topic: 'plant/debug/#' }, action: 'drop' as const },
    { name: 'quiet printer', match: { topic: 'plant/printer', text: ['toner'] }, action: 'silent' as const },
    {
      name: 'overheat',
      match: { topic: 'plant/+/temp', value: '$.celsius >= 90' },
      action: 'notify' as const,
      priority: 5,
    },
    { name: 'temps', match: { topic: 'plant/+/temp' }, action: 'read' as const },
    { name: 'door', match: { topic: 'plant/door' }, action: 'notify' as const, limit: '1/60s' },
  ],
};

test('a rules document decides storage, read state, export and notifications', async () => {
  const dir = tempDir();
  const t = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: mosquitto.url, topics: [{ filter: 'plant/#', qos: 1 }] }],
  });
  try {
    const set = await t.core.handlers['rules.set']({ document: rules });
    expect(set.problems).toEqual([]);
    await eventually(
      'connected',
      () => t.core.getState().sources.find((s) => s.ephemeral)?.status.state === 'connected',
    );
    // Past the start-up catch-up window, so each notification is shown as it comes.
    await new Promise((r) => setTimeout(r, 2_200));

    await mosquittoPub(mosquitto.port, 'plant/debug/pump', ['trace 1', 'trace 2'], 1);
    await mosquittoPub(mosquitto.port, 'plant/printer', ['toner low', 'paper jam'], 1);
    await mosquittoPub(mosquitto.port, 'plant/boiler/temp', ['{"celsius":70}', '{"celsius":95}'], 1);
    await mosquittoPub(mosquitto.port, 'plant/door', ['open', 'open again'], 1);
    await eventually('six stored', () => (t.core.getState().total === 6 ? true : null));

    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _e, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()),
    });
    await exportInbox(dir.path, sink);
    const rows = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => [r.body, r.notified, r.rule, r.read])).toEqual([
      ['toner low', false, 'quiet printer', false],
      ['paper jam', true, null, false],
      ['{"celsius":70}', false, 'temps', true],
      ['{"celsius":95}', true, 'overheat', false],
      ['open', true, 'door', false],
      ['open again', false, 'door', false],
    ]);
    expect(t.core.getState().unread).toBe(5);

    const got = await t.core.handlers['rules.get']({});
    expect(got.dropped).toEqual({ 'debug noise': 2 });

    // The urgent one on its own at once; the rest of this burst from the source as one summary, in which the
    // door's second message (held back by its limit) is not counted.
    const shown = await eventually('two notifications', () =>
      t.eventsOf('notify').length >= 2 ? t.eventsOf('notify') : null,
    );
    await new Promise((r) => setTimeout(r, 800));
    expect(shown[0]).toMatchObject({ rule: 'overheat', priority: 5, count: 1 });
    expect(t.eventsOf('notify')).toHaveLength(2);
    expect(t.eventsOf('notify')[1]).toMatchObject({ count: 2 });
  } finally {
    await t.stop();
    dir.remove();
  }
});

test("without rules, a source's minimum priority decides what notifies; 1-2 never do", async () => {
  const dir = tempDir();
  const t = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: mosquitto.url, topics: [{ filter: 'desk/#', qos: 1 }], minPriority: 4 }],
  });
  try {
    await eventually(
      'connected',
      () => t.core.getState().sources.find((s) => s.ephemeral)?.status.state === 'connected',
    );
    const levels = [2, 3, 4, 5].map((priority) => JSON.stringify({ title: `p${priority}`, priority }));
    await mosquittoPub(mosquitto.port, 'desk/alerts', levels, 1);
    const items = await eventually('four stored', async () => {
      const page = await t.core.handlers['inbox.list']({ limit: 10 });
      return page.items.length === 4 ? page.items : null;
    });
    expect(items.map((m) => [m.title, m.notified]).reverse()).toEqual([
      ['p2', false],
      ['p3', false],
      ['p4', true],
      ['p5', true],
    ]);
    const p3 = items.find((m) => m.title === 'p3')!;
    expect((await t.core.handlers['inbox.get']({ id: p3.id }))?.decision).toEqual({
      action: 'silent',
      reason: 'low priority',
    });
  } finally {
    await t.stop();
    dir.remove();
  }
});
