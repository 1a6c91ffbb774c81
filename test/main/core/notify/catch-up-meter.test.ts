// "Catching up: 42,000 so far": a source that just connected and brings a long backlog shows how many messages it
// has brought, until the rush is over; live traffic afterwards, or a short backlog, shows nothing.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CATCH_UP_SHOWN_FROM, CatchUpMeter } from '../../../../src/main/core/notify/catch-up-meter.ts';
import { CATCH_UP_IDLE_MS } from '../../../../src/main/core/notify/notify-planner.ts';

type State = 'connecting' | 'connected' | 'reconnecting';
const source = (id: string, state: State) => ({ id, status: { state } }) as Parameters<CatchUpMeter['saw']>[0][number];
const batch = (id: string, n: number) => Array.from({ length: n }, () => id);

let changes = 0;
let meter: CatchUpMeter;
beforeEach(() => {
  vi.useFakeTimers();
  changes = 0;
  meter = new CatchUpMeter(() => changes++);
});
afterEach(() => {
  meter.stop();
  vi.useRealTimers();
});

describe('the catch-up count of a source', () => {
  test('counts what a source brings after it connects, once the backlog is long enough to show', () => {
    meter.saw([source('a', 'connecting')]);
    meter.saw([source('a', 'connected')]);
    expect(meter.committed(batch('a', CATCH_UP_SHOWN_FROM - 1))).toBe(false);
    expect(meter.received('a')).toBeUndefined();
    vi.advanceTimersByTime(10);
    expect(meter.committed(batch('a', 1))).toBe(true);
    expect(meter.received('a')).toBe(CATCH_UP_SHOWN_FROM);
    vi.advanceTimersByTime(100);
    meter.committed([...batch('a', 500), ...batch('b', 7)]);
    expect(meter.received('a')).toBe(CATCH_UP_SHOWN_FROM + 500);
    expect(meter.received('b')).toBeUndefined();
    expect(changes).toBeGreaterThan(0);
  });

  test('ends when nothing has come for a moment, tells the UI, and live messages do not start it again', () => {
    meter.saw([source('a', 'connected')]);
    meter.committed(batch('a', 2_000));
    const before = changes;
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS + 1);
    expect(meter.received('a')).toBeUndefined();
    expect(changes).toBe(before + 1);
    expect(meter.committed(batch('a', 5_000))).toBe(false);
    expect(meter.received('a')).toBeUndefined();
  });

  test('starts again on the next reconnect, and the UI is refreshed at most every 250 ms while it lasts', () => {
    meter.saw([source('a', 'connected')]);
    meter.committed(batch('a', 1_500));
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS + 1);
    meter.saw([source('a', 'reconnecting')]);
    meter.saw([source('a', 'connected')]);
    const before = changes;
    for (let i = 0; i < 20; i++) {
      meter.committed(batch('a', 100));
      vi.advanceTimersByTime(50);
    }
    expect(meter.received('a')).toBe(2_000);
    // 20 batches over one second: a handful of refreshes, not one per batch.
    expect(changes - before).toBeGreaterThanOrEqual(2);
    expect(changes - before).toBeLessThanOrEqual(5);
  });

  test('a backlog that starts late after connecting (subscribing, a first page) still counts', () => {
    meter.saw([source('a', 'connected')]);
    vi.advanceTimersByTime(3_000);
    meter.committed(batch('a', 1_200));
    expect(meter.received('a')).toBe(1_200);
  });
});
