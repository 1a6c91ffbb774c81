// What the rules decided is stored with each message, in the same transaction: silent messages stay unread
// without a notification, "read" ones never reach the badge, dropped ones are not stored at all (but their
// cursor and QoS 2 release still are), and the rules' state commits or rolls back with its batch.
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../../../src/main/core/store/migrations.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { tempDir } from '../../../helpers/core.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

let dir: ReturnType<typeof tempDir>;
let store: MessageStore;
beforeEach(() => {
  dir = tempDir();
  store = MessageStore.open(`${dir.path}/inbox.sqlite`);
});
afterEach(() => {
  store.close();
  dir.remove();
});

const muted = { action: 'silent', rule: 'night', reason: 'quiet hours 22:00-07:00', notify: false } as const;

describe('decisions in the inbox', () => {
  test('a silent message is stored unread, not notified, with its rule and reason', () => {
    const [summary] = insert(store, [newMessage('door open', {}, 4096, muted)]);
    expect(summary).toMatchObject({ read: false, notified: false, rule: 'night' });
    expect(store.counts()).toEqual({ unread: 1, total: 1 });
    expect(store.get(summary!.id)).toMatchObject({
      notified: false,
      rule: 'night',
      decision: { action: 'silent', reason: 'quiet hours 22:00-07:00' },
    });
  });

  test('a message a rule marks read is stored read and never counts as unread', () => {
    const [summary] = insert(store, [
      newMessage('heartbeat', {}, 4096, { action: 'read', rule: 'beats', notify: false }),
    ]);
    expect(summary!.read).toBe(true);
    expect(store.counts()).toEqual({ unread: 0, total: 1 });
    expect(store.list({ limit: 10, unreadOnly: true }).items).toEqual([]);
  });

  test('a dropped message is not stored, but its cursor is saved and its QoS 2 packet released', () => {
    store.inflightFor('src-1').put(7, new Uint8Array([1]));
    const outcome = store.applyBatch([
      newMessage('noise', { cursor: 'c-9', releaseInflight: 7 }, 4096, {
        action: 'drop',
        rule: 'debug',
        notify: false,
      }),
    ]);
    expect(outcome.results).toEqual([null]);
    expect(store.counts()).toEqual({ unread: 0, total: 0 });
    expect(store.cursor('src-1')).toBe('c-9');
    expect(store.inflightFor('src-1').get(7)).toBeUndefined();
  });

  test('export lines say whether each message was notified and by which rule', () => {
    insert(store, [newMessage('plain'), newMessage('hushed', {}, 4096, muted)]);
    const rows = [...store.exportAll()];
    expect(rows.map((r) => [r.body, r.notified, r.rule])).toEqual([
      ['plain', true, null],
      ['hushed', false, 'night'],
    ]);
  });

  test("the rules' state is written with its batch, and not at all when the batch fails", () => {
    store.applyBatch([newMessage('a')], [{ key: 'rules', value: '{"n":1}' }]);
    expect(store.state('rules')).toBe('{"n":1}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() =>
      store.applyBatch([newMessage('b', { properties: circular })], [{ key: 'rules', value: '{"n":2}' }]),
    ).toThrow();
    expect(store.state('rules')).toBe('{"n":1}');
  });
});

test('an inbox from before rules opens with every old message read as notified by no rule', () => {
  store.close();
  const file = `${dir.path}/old.sqlite`;
  const db = new DatabaseSync(file);
  db.exec(MIGRATIONS[0]!);
  db.exec(MIGRATIONS[1]!);
  db.exec('PRAGMA user_version = 2');
  db.exec(`INSERT INTO messages (source_id, source_name, topic, preview, body, body_kind, priority, received_at, size)
           VALUES ('s', 'S', 't', 'old', 'old', 'text', 3, 1, 3)`);
  db.close();
  store = MessageStore.open(file);
  const [old] = store.list({ limit: 1 }).items;
  expect(old).toMatchObject({ notified: true, rule: null, read: false });
  expect(store.get(old!.id)!.decision).toEqual({ action: 'notify', reason: null });
  expect([...store.exportAll()][0]).toMatchObject({ notified: true, rule: null });
});
