// A catch-up hands its messages over in slices and waits for each slice's commit, so the event loop turns
// between slices (the tray, notifications and commands are served meanwhile) and a failed commit stops it with
// a StoreError, which makes the source drop the stream and catch up again later.
import { describe, expect, test } from 'vitest';
import { CommitSlices } from '../../../../../src/main/core/sources/common/commit-slices.ts';
import { StoreError } from '../../../../../src/main/core/sources/common/source.ts';

/** Commits like the pipeline's BatchWriter: everything handed over in a turn is committed at its end. */
function turnEndCommits() {
  let turn = 0;
  const commit = () => new Promise<number>((resolve) => setImmediate(() => resolve(++turn)));
  return { commit, turns: () => turn };
}

describe('handing a catch-up over in slices', () => {
  test('waits for the commit after each full slice, so the loop turns once per slice', async () => {
    const { commit } = turnEndCommits();
    const slices = new CommitSlices(100);
    let timerRanAt = -1;
    let handed = 0;
    setTimeout(() => (timerRanAt = handed), 0);
    for (let i = 0; i < 1_000; i++) {
      await slices.add(commit());
      handed++;
    }
    await slices.settled();
    // A timer due at once ran within the first slices, long before the last message was handed over.
    expect(timerRanAt).toBeGreaterThanOrEqual(100);
    expect(timerRanAt).toBeLessThan(1_000);
  });

  test('does not wait within a slice', async () => {
    const slices = new CommitSlices(100);
    let settled = false;
    const never = new Promise<void>(() => {});
    for (let i = 0; i < 99; i++) await slices.add(never);
    void Promise.resolve().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(true);
  });

  test('a failed commit is a StoreError with the reason, from the slice that holds it', async () => {
    const slices = new CommitSlices(3);
    await slices.add(Promise.resolve());
    await slices.add(Promise.reject(new Error('disk full')));
    await expect(slices.add(Promise.resolve())).rejects.toThrow(StoreError);
    const last = new CommitSlices(10);
    await last.add(Promise.reject(new Error('database is locked')));
    await expect(last.settled()).rejects.toThrow('a message could not be stored: database is locked');
  });
});
