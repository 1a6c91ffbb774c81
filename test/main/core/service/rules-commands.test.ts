// The rules commands as the UI uses them, against a real core with its embedded broker: a document is
// refused as a whole or saved as a whole; mute and snooze add rules at the top, and a snooze ends by itself;
// the preview replays recent messages; drop counts and timed pauses survive what they should.
import { afterEach, describe, expect, test } from 'vitest';
import {
  dispatch,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
} from '../../../../src/shared/contract.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { mosquittoPub } from '../../../helpers/mosquitto.ts';
import { freePort } from '../../../helpers/ports.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(dataDir?: string): Promise<{ t: TestCore; port: number; dataDir: string }> {
  const dir = dataDir ?? tempDir().path;
  const port = await freePort();
  const t = await startTestCore({ dataDir: dir, brokerPort: port });
  cleanups.push(() => t.stop());
  await eventually('connected', () => t.core.getState().sources[0]?.status.state === 'connected');
  return { t, port, dataDir: dir };
}

async function call<C extends CommandName>(
  t: TestCore,
  command: C,
  request: CommandRequest<C>,
): Promise<CommandResponse<C>> {
  const reply = await dispatch(t.core.handlers, command, request);
  if (!reply.ok) throw new Error(`${command}: ${reply.error.message}`);
  return reply.value as CommandResponse<C>;
}

describe('rules commands', () => {
  test('an invalid document is refused with every problem, and the rules in force stay as they were', async () => {
    const { t } = await started();
    await call(t, 'rules.set', { document: { version: 1, rules: [{ name: 'keep', action: 'silent' }] } });
    const refused = await call(t, 'rules.set', {
      document: {
        version: 1,
        rules: [
          { name: 'ok', action: 'notify' },
          { name: 'bad', when: { days: ['someday'] }, action: 'read' },
        ],
      },
    });
    expect(refused.problems).toEqual([expect.objectContaining({ index: 1, name: 'bad', field: 'when.days.0' })]);
    expect(refused.document.rules.map((r) => r.name)).toEqual(['keep']);
    expect((await call(t, 'rules.get', {})).document.rules.map((r) => r.name)).toEqual(['keep']);
  });

  test('mute puts a silent rule for the topic at the top; what arrives next is stored without a notification', async () => {
    const { t, port } = await started();
    const reply = await call(t, 'rules.mute', { topic: 'herald/printer', sourceId: 'local' });
    expect(reply.document.rules[0]).toMatchObject({
      name: 'Mute herald/printer',
      match: { topic: 'herald/printer', source: 'local' },
      action: 'silent',
    });
    await mosquittoPub(port, 'herald/printer', ['toner low'], 1);
    const [stored] = await eventually('stored', async () => (await call(t, 'inbox.list', { limit: 5 })).items);
    expect(stored).toMatchObject({ notified: false, rule: 'Mute herald/printer' });
    const detail = await call(t, 'inbox.get', { id: stored!.id });
    expect(detail?.decision).toEqual({ action: 'silent', reason: 'topic herald/printer' });
  });

  test('a snooze is a temporary rule that removes itself when it ends', async () => {
    const { t } = await started();
    const until = new Date(Date.now() + 1200).toISOString();
    const reply = await call(t, 'rules.snooze', { sourceId: 'local', until });
    expect(reply.document.rules[0]).toMatchObject({ name: 'Snooze Local broker', temporary: true, snoozeUntil: until });
    await eventually('the snooze ended and its rule is gone', async () =>
      (await call(t, 'rules.get', {})).document.rules.length === 0 ? true : null,
    );
    expect(t.eventsOf('app.state').length).toBeGreaterThan(0);
  });

  test('snoozing an unknown source is refused', async () => {
    const { t } = await started();
    const reply = await dispatch(t.core.handlers, 'rules.snooze', {
      sourceId: 'nope',
      until: new Date().toISOString(),
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('the preview says what a rule would have done to recent messages, without changing anything', async () => {
    const { t, port } = await started();
    await mosquittoPub(port, 'herald/temp', ['{"temperature":35}', '{"temperature":20}', '{"temperature":31}'], 1);
    await eventually('stored', () => (t.core.getState().total === 3 ? true : null));
    const preview = await call(t, 'rules.preview', {
      rule: { name: 'hot', match: { value: '$.temperature > 30' }, action: 'silent' },
    });
    expect(preview).toMatchObject({ problems: [], examined: 3, matched: { silent: 2, notify: 0, read: 0, drop: 0 } });
    expect(preview.examples.map((e) => e.action)).toEqual(['silent', 'silent']);
    expect((await call(t, 'rules.get', {})).document.rules).toEqual([]);
    const bad = await call(t, 'rules.preview', { rule: { name: 'x', action: 'silent', limit: 'often' } });
    expect(bad.problems[0]).toMatchObject({ field: 'limit' });
  });

  test('drop counts per rule survive a restart', async () => {
    const first = await started();
    await call(first.t, 'rules.set', {
      document: { version: 1, rules: [{ name: 'noise', match: { topic: 'herald/debug/#' }, action: 'drop' }] },
    });
    await mosquittoPub(first.port, 'herald/debug/a', ['x', 'y'], 1);
    await mosquittoPub(first.port, 'herald/ok', ['kept'], 1);
    await eventually('the kept one stored', () => (first.t.core.getState().total === 1 ? true : null));
    expect((await call(first.t, 'rules.get', {})).dropped).toEqual({ noise: 2 });
    await first.t.stop();
    const second = await started(first.dataDir);
    expect((await call(second.t, 'rules.get', {})).dropped).toEqual({ noise: 2 });
  });
});

test('a timed pause reports when it ends, and ends by itself', async () => {
  const { t } = await started();
  const reply = await call(t, 'notifications.setPaused', { paused: true, minutes: 60 });
  expect(reply.pausedUntil).toBeGreaterThan(Date.now() + 59 * 60_000);
  expect(t.core.getState()).toMatchObject({ paused: true, pausedUntil: reply.pausedUntil });
  await call(t, 'notifications.setPaused', { paused: false });
  expect(t.core.getState().paused).toBe(false);
  expect(t.core.getState().pausedUntil).toBeUndefined();
});
