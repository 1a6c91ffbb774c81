// The notification planner with a fake clock: it shows only what the rules said to notify, at the rule's
// priority; folds bursts per source (never urgent ones); and tells a catch-up window as one summary.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { MessageSummary, NotificationRequest } from '../../../../src/shared/model.ts';
import { defaultDecision, type Decision } from '../../../../src/main/core/rules/decision.ts';
import {
  CATCH_UP_IDLE_MS,
  NotifyPlanner,
  type PlannedMessage,
} from '../../../../src/main/core/notify/notify-planner.ts';
import { mainText } from '../../../../src/main/core/i18n/main-texts.ts';
import type { Locale } from '../../../../src/shared/locale.ts';

const BURST_MS = 1_000;
let nextId = 1;

function message(overrides: Partial<MessageSummary> = {}, decision: Partial<Decision> = {}): PlannedMessage {
  const id = nextId++;
  const summary: MessageSummary = {
    id,
    sourceId: 'kitchen',
    sourceName: 'Kitchen',
    topic: 'kitchen/temp',
    title: `#${id}`,
    preview: `body ${id}`,
    priority: 3,
    receivedAt: 0,
    read: false,
    bodyKind: 'text',
    truncated: false,
    size: 10,
    notified: true,
    rule: null,
    ...overrides,
  };
  return { summary, decision: { ...defaultDecision(summary.priority), ...decision } };
}

const urgent = (overrides: Partial<MessageSummary> = {}) => message({ priority: 5, ...overrides });

function setup(locale: Locale = 'en') {
  const shown: NotificationRequest[] = [];
  let paused = false;
  const planner = new NotifyPlanner({
    text: () => mainText(locale),
    windowMs: () => BURST_MS,
    paused: () => paused,
    show: (n) => shown.push(n),
  });
  return {
    planner,
    shown,
    pause(value: boolean) {
      paused = value;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  nextId = 1;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what is notified', () => {
  test('only messages the rules said to notify are shown', () => {
    const { planner, shown } = setup();
    planner.add([message({}, { notify: false, action: 'silent' })]);
    planner.add([message({ sourceId: 'door', sourceName: 'Door', title: 'Door open' })]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown).toEqual([
      { title: 'Door open', body: 'body 2', priority: 3, messageId: 2, sourceId: 'door', count: 1 },
    ]);
  });

  test("the decision's priority (after a rule's override) and its rule are used", () => {
    const { planner, shown } = setup();
    planner.add([message({ priority: 3 }, { priority: 1, rule: 'quiet kitchen' })]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ priority: 1, rule: 'quiet kitchen' });
  });

  test('no rule: the request has no rule field', () => {
    const { planner, shown } = setup();
    planner.add([message()]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[0]).not.toHaveProperty('rule');
  });

  test("a limit's held-back count ends the body", () => {
    const { planner, shown } = setup();
    planner.add([message({ topic: 'kitchen/temp', preview: '31 °C' }, { rule: 'temp', heldBack: 7 })]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[0]!.body).toBe('31 °C\n+7 more from kitchen/temp');
  });

  test('held-back text on an empty preview is the whole body', () => {
    const { planner, shown } = setup();
    planner.add([message({ topic: 'a/b', preview: '' }, { rule: 'r', heldBack: 2 })]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[0]!.body).toBe('+2 more from a/b');
  });

  test('a burst summary sums held-back counts per topic at the end', () => {
    const { planner, shown } = setup();
    planner.add([
      message({ topic: 'kitchen/temp' }, { rule: 'temp', heldBack: 3 }),
      message({ topic: 'kitchen/hum' }),
      message({ topic: 'kitchen/temp' }, { rule: 'temp', heldBack: 4 }),
    ]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toBe('#3\n#2\n#1\n+7 more from kitchen/temp');
    expect(shown[0]!.rule).toBe('temp');
  });
});

describe('bursts per source', () => {
  test('one message gives one notification after the window', () => {
    const { planner, shown } = setup();
    planner.add([message()]);
    vi.advanceTimersByTime(BURST_MS - 1);
    expect(shown).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([{ title: '#1', body: 'body 1', priority: 3, messageId: 1, sourceId: 'kitchen', count: 1 }]);
  });

  test('a burst from one source gives one summary with the newest titles', () => {
    const { planner, shown } = setup();
    planner.add(Array.from({ length: 12 }, () => message()));
    vi.advanceTimersByTime(BURST_MS);
    expect(shown).toEqual([
      { title: '12 new messages from Kitchen', body: '#12\n#11\n#10\n…', priority: 3, sourceId: 'kitchen', count: 12 },
    ]);
  });

  test('summaries speak the language the user reads', () => {
    const { planner, shown } = setup('zh-CN');
    planner.add([message(), message({ sourceId: 'hall' }, { heldBack: 4 })]);
    vi.advanceTimersByTime(BURST_MS);
    planner.catchUp();
    planner.add([message(), urgent({ title: '火警' }), message()]);
    vi.advanceTimersByTime(10_000);
    expect(shown.map((n) => [n.title, n.body])).toEqual([
      ['#1', 'body 1'],
      ['#2', 'body 2\nkitchen/temp 另有 4 条'],
      ['火警', 'body 4'],
      ['Herald', '离开期间收到 3 条消息，其中 1 条紧急：火警'],
    ]);
  });

  test('a short burst lists every title without an ellipsis', () => {
    const { planner, shown } = setup();
    planner.add([message(), message()]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[0]).toMatchObject({ title: '2 new messages from Kitchen', body: '#2\n#1', count: 2 });
  });

  test('the summary takes the highest priority of the burst, not only of the titles it lists', () => {
    const { planner, shown } = setup();
    planner.add([message({ priority: 4 }), ...Array.from({ length: 5 }, () => message())]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[0]).toMatchObject({ priority: 4, count: 6 });
  });

  test('sources are grouped separately', () => {
    const { planner, shown } = setup();
    planner.add([message(), message({ sourceId: 'door', sourceName: 'Door' }), message()]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown.map((n) => [n.sourceId, n.count])).toEqual([
      ['kitchen', 2],
      ['door', 1],
    ]);
  });

  test('after a window a new burst starts', () => {
    const { planner, shown } = setup();
    planner.add([message()]);
    vi.advanceTimersByTime(BURST_MS);
    planner.add([message(), message()]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown.map((n) => n.count)).toEqual([1, 2]);
  });

  test('urgent messages are never folded: each is shown on its own at once', () => {
    const { planner, shown } = setup();
    planner.add([message(), urgent({ title: 'Fire' }), message(), urgent({ title: 'Flood' })]);
    expect(shown.map((n) => [n.title, n.priority, n.messageId])).toEqual([
      ['Fire', 5, 2],
      ['Flood', 5, 4],
    ]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[2]).toMatchObject({ title: '2 new messages from Kitchen', body: '#3\n#1', priority: 3, count: 2 });
  });

  test('a rule raising a message to 5 makes it urgent', () => {
    const { planner, shown } = setup();
    planner.add([message({ priority: 3 }, { priority: 5, rule: 'alarm' })]);
    expect(shown).toEqual([
      { title: '#1', body: 'body 1', priority: 5, messageId: 1, sourceId: 'kitchen', count: 1, rule: 'alarm' },
    ]);
  });
});

describe('pause', () => {
  test('nothing is shown while paused, urgent included', () => {
    const { planner, shown, pause } = setup();
    pause(true);
    planner.add([message(), urgent()]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown).toHaveLength(0);
  });

  test('a burst whose window ends during a pause is dropped', () => {
    const { planner, shown, pause } = setup();
    planner.add([message(), message()]);
    pause(true);
    vi.advanceTimersByTime(BURST_MS);
    pause(false);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown).toHaveLength(0);
  });

  test('a catch-up window that ends during a pause shows nothing', () => {
    const { planner, shown, pause } = setup();
    planner.catchUp();
    planner.add([message(), message()]);
    pause(true);
    vi.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(0);
  });

  test('messages added while paused are not caught up later', () => {
    const { planner, shown, pause } = setup();
    planner.catchUp();
    pause(true);
    planner.add([message(), message()]);
    pause(false);
    planner.add([message({ title: 'After' })]);
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([expect.objectContaining({ title: 'After', count: 1 })]);
  });
});

describe('catch-up', () => {
  test('a pause in a rush while messages still wait for the writer does not end it', () => {
    let waiting = true;
    const shown: NotificationRequest[] = [];
    const planner = new NotifyPlanner({
      windowMs: () => BURST_MS,
      paused: () => false,
      show: (n) => shown.push(n),
      busy: () => waiting,
    });
    planner.catchUp();
    planner.add([message(), message()]);
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS * 4);
    expect(shown).toHaveLength(0);
    planner.add([message()]);
    waiting = false;
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS + 10);
    expect(shown.map((n) => n.count)).toEqual([3]);
  });

  test('what arrives in one rush is told as one summary once the rush is over', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add(Array.from({ length: 20 }, (_, i) => message({ sourceId: `s${i % 3}`, sourceName: `S${i % 3}` })));
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS - 100);
    planner.add([message({ priority: 4 }), message(), message()]);
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS - 1);
    expect(shown).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([
      { title: 'Herald', body: '23 messages while you were away', priority: 4, sourceId: '', count: 23 },
    ]);
    // Nothing else follows: no per-source bursts.
    vi.advanceTimersByTime(60_000);
    expect(shown).toHaveLength(1);
  });

  test('urgent ones are shown on their own at once and named in the summary, newest first', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add([message(), urgent({ title: 'Fire' }), message(), urgent({ title: 'Flood' }), message()]);
    expect(shown.map((n) => n.title)).toEqual(['Fire', 'Flood']);
    vi.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(3);
    expect(shown[2]).toEqual({
      title: 'Herald',
      body: '5 messages while you were away, 2 urgent: Flood, Fire',
      priority: 3,
      sourceId: '',
      count: 5,
    });
  });

  test('at most three urgent titles are named', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add([
      urgent({ title: 'A' }),
      urgent({ title: 'B' }),
      message(),
      urgent({ title: 'C' }),
      urgent({ title: 'D' }),
    ]);
    vi.advanceTimersByTime(10_000);
    expect(shown.at(-1)!.body).toBe('5 messages while you were away, 4 urgent: D, C, B, …');
  });

  test('exactly one message is shown as itself', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add([message({ title: 'Only', preview: 'one' }, { rule: 'r', heldBack: 1 })]);
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([
      {
        title: 'Only',
        body: 'one\n+1 more from kitchen/temp',
        priority: 3,
        messageId: 1,
        sourceId: 'kitchen',
        count: 1,
        rule: 'r',
      },
    ]);
  });

  test('only urgent messages: each was shown, no summary follows', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add([urgent(), urgent()]);
    vi.advanceTimersByTime(10_000);
    expect(shown.map((n) => n.priority)).toEqual([5, 5]);
  });

  test('nothing arrived: nothing is shown', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add([message({}, { notify: false, action: 'silent' })]);
    vi.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(0);
  });

  test('a steady trickle keeps the window open until it ends (default 10 s)', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    for (let i = 0; i < 24; i++) {
      planner.add([message()]);
      vi.advanceTimersByTime(400);
    }
    expect(shown).toHaveLength(0);
    vi.advanceTimersByTime(400);
    expect(shown).toEqual([expect.objectContaining({ body: '24 messages while you were away', count: 24 })]);
  });

  test('a second call restarts the window and keeps what was gathered', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add([message(), message()]);
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS - 100);
    planner.catchUp();
    planner.add([message()]);
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS - 1);
    expect(shown).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([expect.objectContaining({ body: '3 messages while you were away', count: 3 })]);
  });

  test('a custom window, then back to bursts', () => {
    const { planner, shown } = setup();
    planner.catchUp(2_000);
    planner.add([message(), message()]);
    vi.advanceTimersByTime(2_000);
    expect(shown).toHaveLength(1);
    planner.add([message(), message()]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[1]).toMatchObject({ title: '2 new messages from Kitchen', count: 2 });
  });

  test('held-back counts and the rule are carried into the summary', () => {
    const { planner, shown } = setup();
    planner.catchUp();
    planner.add([message({ topic: 'a' }, { rule: 'lim', heldBack: 5 }), message({ topic: 'b' })]);
    vi.advanceTimersByTime(10_000);
    expect(shown[0]).toMatchObject({ body: '2 messages while you were away\n+5 more from a', rule: 'lim' });
  });

  test('bursts pending before the catch-up still flush on their own', () => {
    const { planner, shown } = setup();
    planner.add([message(), message()]);
    planner.catchUp();
    planner.add([message(), message()]);
    vi.advanceTimersByTime(CATCH_UP_IDLE_MS);
    expect(shown).toEqual([expect.objectContaining({ title: 'Herald', count: 2 })]);
    vi.advanceTimersByTime(BURST_MS);
    expect(shown[1]).toMatchObject({ title: '2 new messages from Kitchen', body: '#2\n#1' });
  });
});

describe('stop', () => {
  test('clears burst and catch-up timers', () => {
    const { planner, shown } = setup();
    planner.add([message()]);
    planner.catchUp();
    planner.add([message({ sourceId: 'x' }), message()]);
    planner.stop();
    vi.advanceTimersByTime(60_000);
    expect(shown).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
