// Retention: rules by source and topic filter, max age and max count, purged in small steps that keep pinned
// messages; a rule that would delete everything it applies to is detected (and counted) before it is saved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RetentionRule } from '../../../../src/shared/retention.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { deletesEverything, RetentionRunner } from '../../../../src/main/core/store/retention-runner.ts';
import { PURGE_STEP } from '../../../../src/main/core/store/retention.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';
import { StoreWrites } from '../../../../src/main/core/store/inbox-writes.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
let dir: string;
let store: MessageStore;

function add(count: number, envelope: { topic?: string; sourceId?: string; receivedAt?: number } = {}): number[] {
  const messages = Array.from({ length: count }, (_, i) =>
    newMessage(`m ${i}`, { receivedAt: NOW - DAY, ...envelope }),
  );
  return insert(store, messages).map((summary) => summary.id);
}

async function purge(rules: RetentionRule[]): Promise<{ removed: number[]; progressSeen: number[] }> {
  const removed: number[] = [];
  const progressSeen: number[] = [];
  const runner: RetentionRunner = new RetentionRunner({
    store,
    writes: new StoreWrites(store),
    rules: () => rules,
    onRemoved: (ids) => removed.push(...ids),
    onProgress: () => progressSeen.push(runner.progress()?.deleted ?? -1),
    onError: (err) => {
      throw err;
    },
    now: () => NOW,
  });
  await runner.run();
  runner.stop();
  return { removed, progressSeen };
}

const allIds = () => [...store.exportAll()].map((row) => row.id);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-retention-'));
  store = MessageStore.open(join(dir, 'inbox.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retention purge', () => {
  it('keeps the newest maxCount of a topic, deleting in steps of PURGE_STEP and keeping pinned messages', async () => {
    const old = add(PURGE_STEP * 2 + 100, { topic: 'sensors/t' });
    const others = add(50, { topic: 'home/door' });
    const kept = add(10, { topic: 'sensors/t' });
    store.pin([old[7]!], true);

    let turns = 0;
    let counting = true;
    // Count event-loop turns while the purge runs: it must yield between its steps.
    const spin = async () => {
      while (counting) {
        turns++;
        await tick();
      }
    };
    const spinning = spin();
    const { removed } = await purge([{ topic: 'sensors/+', maxCount: 10 }]);
    counting = false;
    await spinning;

    expect(removed).toHaveLength(old.length - 1);
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(allIds()).toEqual([old[7], ...others, ...kept]);
    expect(store.counts().total).toBe(1 + others.length + kept.length);
    expect(store.counts().unread).toBe(1 + others.length + kept.length);
  });

  it('deletes by age for one source only, and keeps everything without rules', async () => {
    const oldA = add(5, { sourceId: 'a', receivedAt: NOW - 10 * DAY });
    const oldB = add(5, { sourceId: 'b', receivedAt: NOW - 10 * DAY });
    const fresh = add(5, { sourceId: 'a', receivedAt: NOW - DAY / 2 });
    await purge([]);
    expect(allIds()).toHaveLength(15);
    const { removed } = await purge([{ sourceId: 'a', maxAgeDays: 2 }]);
    expect(removed).toEqual(oldA);
    expect(allIds()).toEqual([...oldB, ...fresh]);
  });

  it('finds a rule that would delete everything it applies to, with how many', async () => {
    add(30, { topic: 'a/x', receivedAt: NOW - 5 * DAY });
    add(5, { topic: 'b/x', receivedAt: NOW });
    const pause = () => tick();
    expect(await deletesEverything(store, { topic: 'a/#', maxAgeDays: 1 }, NOW, pause)).toBe(30);
    expect(await deletesEverything(store, { maxCount: 0 }, NOW, pause)).toBe(35);
    expect(await deletesEverything(store, { maxAgeDays: 1 }, NOW, pause)).toBeNull();
    expect(await deletesEverything(store, { topic: 'a/#', maxCount: 3 }, NOW, pause)).toBeNull();
    expect(await deletesEverything(store, { topic: 'none/#', maxAgeDays: 0 }, NOW, pause)).toBeNull();
  });
});
