// The reconnect policy every source shares.
import { afterEach, describe, expect, test } from 'vitest';
import { Backoff } from '../../../../../src/main/core/sources/common/backoff.ts';
import { ConnectionLoop, type AttemptEvents } from '../../../../../src/main/core/sources/common/connection-loop.ts';
import type { SourceStatus } from '../../../../../src/shared/model.ts';
import { eventually } from '../../../../helpers/core.ts';

const loops: ConnectionLoop[] = [];
afterEach(async () => {
  for (const loop of loops.splice(0)) await loop.stop();
});

function loop(backoff = { initialMs: 20, maxMs: 80 }) {
  const attempts: { events: AttemptEvents; closed: boolean }[] = [];
  const statuses: SourceStatus[] = [];
  const l = new ConnectionLoop({
    backoff,
    onStatus: (s) => statuses.push(s),
    connect: (events) => {
      const attempt = { events, closed: false };
      attempts.push(attempt);
      return { close: () => void (attempt.closed = true) };
    },
  });
  loops.push(l);
  return { l, attempts, statuses };
}

describe('backoff', () => {
  test('full jitter: each delay is uniform up to a doubling ceiling capped at the maximum', () => {
    const top = new Backoff({ initialMs: 500, maxMs: 60_000, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(() => top.next())).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
    const bottom = new Backoff({ random: () => 0 });
    expect(bottom.next()).toBe(100);
    const spread = new Backoff({ initialMs: 1000 });
    const delays = Array.from({ length: 200 }, () => {
      spread.reset();
      return spread.next();
    });
    expect(new Set(delays).size).toBeGreaterThan(100);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
  });

  test('starts over after a connection that stayed up for a stable minute, not after a short one', () => {
    const b = new Backoff({ initialMs: 500, random: () => 1 });
    b.next();
    b.next();
    b.next();
    b.connected(0);
    expect(b.next(10_000)).toBe(4000);
    b.connected(0);
    expect(b.next(60_000)).toBe(500);
  });
});

describe('connection loop', () => {
  test('connecting, connected, then reconnecting with the cause and a retry time after a drop', async () => {
    const { l, attempts, statuses } = loop();
    l.start();
    expect(l.status.state).toBe('connecting');
    attempts[0]!.events.opened();
    expect(l.status.state).toBe('connected');
    attempts[0]!.events.lost('connection reset by peer');
    expect(attempts[0]!.closed).toBe(true);
    expect(l.status).toMatchObject({ state: 'reconnecting', error: 'connection reset by peer' });
    expect(l.status.retryAt).toBeGreaterThan(Date.now() - 1);
    await eventually('second attempt', () => attempts.length === 2);
    attempts[1]!.events.opened();
    expect(l.status.state).toBe('connected');
    expect(l.status.error).toBeUndefined();
    expect(statuses.map((s) => s.state)).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'reconnecting',
      'connected',
    ]);
  });

  test('a refusal (bad credentials) stops the retries and says why', async () => {
    const { l, attempts } = loop();
    l.start();
    attempts[0]!.events.refused('HTTP 401: wrong token');
    expect(l.status).toMatchObject({ state: 'error', error: 'HTTP 401: wrong token' });
    await new Promise((r) => setTimeout(r, 200));
    expect(attempts).toHaveLength(1);
    l.reconnectNow();
    expect(attempts).toHaveLength(2);
    expect(l.status.state).toBe('connecting');
  });

  test('reconnectNow replaces a live connection at once; late events of the old one are ignored', () => {
    const { l, attempts } = loop();
    l.start();
    attempts[0]!.events.opened();
    l.reconnectNow();
    expect(attempts[0]!.closed).toBe(true);
    expect(attempts).toHaveLength(2);
    attempts[0]!.events.lost('old socket closed');
    expect(l.status.state).toBe('reconnecting');
    expect(l.status.error).toBeUndefined();
    attempts[1]!.events.opened();
    expect(l.status.state).toBe('connected');
  });

  test('stop ends the attempt and no retry follows', async () => {
    const { l, attempts } = loop();
    l.start();
    attempts[0]!.events.lost('refused');
    await l.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(attempts).toHaveLength(1);
    expect(l.status.state).toBe('disabled');
  });

  test('dropped messages are counted in the status', () => {
    const { l } = loop();
    l.start();
    l.countDropped(2);
    l.countDropped();
    expect(l.status.dropped).toBe(3);
  });
});
