// Pausing notifications: for good until turned back on, or for a while, ending by itself.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { PauseState, type PauseSettings } from '../../../../src/main/core/notify/pause-state.ts';

let saved: PauseSettings;
let changes: number;
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  saved = { paused: false };
  changes = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

function pause() {
  return new PauseState({ get: () => saved, set: (next) => (saved = next), onChange: () => changes++ });
}

test('a timed pause is on until its end, then ends by itself and says so', () => {
  const state = pause();
  state.set(true, Date.now() + 60_000);
  expect(state.view()).toEqual({ paused: true, pausedUntil: 1_060_000 });
  vi.advanceTimersByTime(59_999);
  expect(state.paused()).toBe(true);
  vi.advanceTimersByTime(1);
  expect(state.paused()).toBe(false);
  expect(saved).toEqual({ paused: false, pausedUntil: undefined });
  expect(changes).toBe(2);
  state.stop();
});

test('a pause without an end lasts until it is turned off', () => {
  const state = pause();
  state.set(true);
  vi.advanceTimersByTime(10 * 24 * 3_600_000);
  expect(state.view()).toEqual({ paused: true });
  state.set(false);
  expect(state.paused()).toBe(false);
});

test('a timed pause that ended while Herald was off is over at the next start', () => {
  saved = { paused: false, pausedUntil: Date.now() - 1 };
  const state = pause();
  expect(state.paused()).toBe(false);
  expect(saved.pausedUntil).toBeUndefined();
});
