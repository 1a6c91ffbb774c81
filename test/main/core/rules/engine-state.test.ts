import { describe, expect, it } from 'vitest';
import type { RulesState } from '../../../../src/main/core/rules/engine.ts';
import type { RuleInput } from '../../../../src/shared/rules/schema.ts';
import { engineOf, json, MINUTE, subject } from './rules-helpers.ts';

const T0 = Date.parse('2026-06-10T12:00:00Z');
const SECOND = 1000;
const roundTrip = (state: RulesState): RulesState => JSON.parse(JSON.stringify(state)) as RulesState;

const limited: RuleInput = { name: 'kitchen', match: { topic: 'kitchen/#' }, action: 'notify', limit: '2/60s' };
const hot: RuleInput = {
  name: 'hot',
  match: { topic: 'sensors/+', value: '$.temperature > 30' },
  for: '5m',
  action: 'notify',
  priority: 5,
};

describe('rules engine: limit', () => {
  it('lets `count` notifications through per sliding window per topic, and counts the rest as held back', () => {
    const engine = engineOf([limited]);
    const table: [number, string, boolean, number, string | null][] = [
      [0, 'kitchen/temp', true, 0, 'topic kitchen/#'],
      [1 * SECOND, 'kitchen/temp', true, 0, 'topic kitchen/#'],
      [2 * SECOND, 'kitchen/temp', false, 0, 'limit 2/60s'],
      [3 * SECOND, 'kitchen/light', true, 0, 'topic kitchen/#'], // another topic: its own window
      [30 * SECOND, 'kitchen/temp', false, 0, 'limit 2/60s'],
      [59.999 * SECOND, 'kitchen/temp', false, 0, 'limit 2/60s'],
      [60 * SECOND, 'kitchen/temp', true, 3, 'topic kitchen/#'], // the one sent at 0 left the window
      [60.5 * SECOND, 'kitchen/temp', false, 0, 'limit 2/60s'], // the one sent at 1s has not
      [61 * SECOND, 'kitchen/temp', true, 1, 'topic kitchen/#'],
      [200 * SECOND, 'kitchen/temp', true, 0, 'topic kitchen/#'],
    ];
    for (const [t, topic, notify, heldBack, reason] of table) {
      expect(engine.decide(subject({ topic }), T0 + t), `${t} ${topic}`).toEqual({
        action: 'notify',
        rule: 'kitchen',
        reason,
        priority: 3,
        notify,
        heldBack,
      });
    }
  });

  it('keeps a window per source for the same topic', () => {
    const engine = engineOf([{ ...limited, limit: '1/1h' }]);
    expect(engine.decide(subject({ topic: 'kitchen/a', sourceId: 'one' }), T0).notify).toBe(true);
    expect(engine.decide(subject({ topic: 'kitchen/a', sourceId: 'two' }), T0).notify).toBe(true);
    expect(engine.decide(subject({ topic: 'kitchen/a', sourceId: 'one' }), T0 + 1).notify).toBe(false);
  });

  it('does not count snoozed messages, and forgets timestamps from a clock that went back', () => {
    const engine = engineOf([{ ...limited, limit: '1/60s' }]);
    expect(engine.decide(subject({ topic: 'kitchen/a' }), T0).notify).toBe(true);
    expect(engine.decide(subject({ topic: 'kitchen/a' }), T0 + 1).notify).toBe(false);
    // The clock jumped back an hour: the notification "from the future" no longer holds the next one back.
    expect(engine.decide(subject({ topic: 'kitchen/a' }), T0 - 3_600_000)).toMatchObject({ notify: true, heldBack: 1 });
    const snoozed = engineOf([{ ...limited, snoozeUntil: '2026-06-10T12:01:00Z' }]);
    for (let i = 0; i < 5; i++) expect(snoozed.decide(subject({ topic: 'kitchen/a' }), T0 + i).action).toBe('silent');
    expect(snoozed.decide(subject({ topic: 'kitchen/a' }), T0 + MINUTE)).toMatchObject({ notify: true, heldBack: 0 });
  });
});

describe('rules engine: for', () => {
  it('fires once the condition has held on every message for the duration, once per episode', () => {
    const engine = engineOf([hot]);
    // [minute, temperature (undefined: a message without it), fires]
    const table: [number, number | undefined, boolean][] = [
      [0, 31, false], // the episode starts
      [2, 35, false],
      [4.99, 31, false],
      [5, 31, true], // held 5 minutes
      [6, 33, false], // fired in this episode already
      [7, undefined, false], // no temperature: neither continues nor ends the episode
      [8, 32, false],
      [9, 29, false], // false: the episode ends
      [10, 31, false], // a new episode
      [14, 31, false],
      [15, 31, true],
    ];
    for (const [minute, temperature, fires] of table) {
      const s = json(temperature === undefined ? { humidity: 50 } : { temperature }, { topic: 'sensors/attic' });
      const decision = engine.decide(s, T0 + minute * MINUTE);
      expect(decision.rule, `minute ${minute}`).toBe(fires ? 'hot' : null);
      if (fires) expect(decision).toMatchObject({ notify: true, priority: 5, reason: '$.temperature > 30 for 5m' });
    }
  });

  it('with "0s", fires on the first message of each episode: as the condition becomes true, once', () => {
    const engine = engineOf([
      { name: 'door', match: { topic: 'door', value: "$.state == 'open'" }, for: '0s', action: 'notify' },
    ]);
    // [second, state, fires]
    const table: [number, string, boolean][] = [
      [0, 'closed', false],
      [1, 'open', true], // it opens
      [2, 'open', false], // still open: reported again, not notified again
      [30, 'open', false],
      [31, 'closed', false],
      [40, 'open', true], // opened again
    ];
    for (const [second, state, fires] of table) {
      const decision = engine.decide(json({ state }, { topic: 'door' }), T0 + second * SECOND);
      expect(decision.rule, `second ${second}`).toBe(fires ? 'door' : null);
      if (fires) expect(decision.reason).toBe("$.state == 'open' (became true)");
    }
  });

  it('does not fire again for a value flapping at the threshold until it has been false long enough', () => {
    const engine = engineOf([hot]);
    const values = [31, 30, 31, 30, 31, 30, 31, 30, 31, 30, 31];
    values.forEach((temperature, minute) => {
      expect(engine.decide(json({ temperature }, { topic: 'sensors/a' }), T0 + minute * MINUTE).rule).toBeNull();
    });
  });

  it('keeps one episode per topic, and falls through to later rules while not firing', () => {
    const engine = engineOf([hot, { name: 'sensors', match: { topic: 'sensors/#' }, action: 'read' }]);
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0).rule).toBe('sensors');
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/b' }), T0 + 3 * MINUTE).rule).toBe('sensors');
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0 + 5 * MINUTE).rule).toBe('hot');
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/b' }), T0 + 5 * MINUTE).rule).toBe('sensors');
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/b' }), T0 + 8 * MINUTE).rule).toBe('hot');
  });

  it('sees every message on its topics even when an earlier rule decides them', () => {
    const engine = engineOf([{ name: 'debug', match: { text: ['debug'] }, action: 'drop' }, hot]);
    const s = (temperature: number, extra = '') => json({ temperature, note: extra }, { topic: 'sensors/a' });
    expect(engine.decide(s(31, 'debug'), T0).rule).toBe('debug'); // the episode starts here all the same
    expect(engine.decide(s(29, 'debug'), T0 + MINUTE).rule).toBe('debug'); // ...and ends here
    expect(engine.decide(s(31), T0 + 2 * MINUTE).rule).toBeNull();
    expect(engine.decide(s(31, 'debug'), T0 + 4 * MINUTE).rule).toBe('debug');
    expect(engine.decide(s(31), T0 + 7 * MINUTE).rule).toBe('hot');
  });

  it('fires with the first message inside `when` once the condition has held long enough', () => {
    const engine = engineOf([{ ...hot, when: { time: '12:10-13:00' } }]);
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0).rule).toBeNull();
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0 + 6 * MINUTE).rule).toBeNull();
    expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0 + 10 * MINUTE).rule).toBe('hot');
  });
});

describe('rules engine: changed', () => {
  it('fits when the value differs from the last one seen on that topic (the first is not a change)', () => {
    const engine = engineOf([{ name: 'door', match: { value: '$.state changed' }, action: 'notify' }]);
    const table: [string, unknown, boolean][] = [
      ['door/front', { state: 'open' }, false],
      ['door/front', { state: 'open' }, false],
      ['door/front', { state: 'closed' }, true],
      ['door/back', { state: 'open' }, false], // another topic: its own first value
      ['door/front', { battery: 90 }, false], // no state: not a change, and the last value stays
      ['door/front', { state: 'closed' }, false],
      ['door/front', { state: 'open' }, true],
      ['door/front', { state: { nested: [1] } }, true],
      ['door/front', { state: { nested: [1] } }, false],
    ];
    for (const [topic, body, fits] of table) {
      expect(engine.decide(json(body, { topic }), T0).rule, JSON.stringify(body)).toBe(fits ? 'door' : null);
    }
  });

  it('compares whole text payloads, numbers by value', () => {
    const engine = engineOf([{ name: 'c', match: { value: 'changed' }, action: 'notify' }]);
    const bodies: [string, boolean][] = [
      ['21', false],
      ['21.0', false],
      ['22', true],
      ['on', true],
      ['on', false],
      ['x'.repeat(10_000), true],
      ['x'.repeat(10_000), false],
      ['x'.repeat(9_999) + 'y', true],
    ];
    for (const [body, fits] of bodies) expect(engine.decide(subject({ body }), T0).rule, body).toBe(fits ? 'c' : null);
  });
});

describe('rules engine: state across a restart', () => {
  const rules: RuleInput[] = [
    hot,
    { ...limited, limit: '1/10m' },
    { name: 'door', match: { topic: 'door/+', value: '$.state changed' }, action: 'notify' },
    { name: 'noise', match: { topic: 'noise/#' }, action: 'drop' },
  ];

  it('continues a `for` episode, a limit window with its held-back count, a last value and drop counts', () => {
    const before = engineOf(rules);
    before.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0);
    expect(before.decide(subject({ topic: 'kitchen/a' }), T0).notify).toBe(true);
    expect(before.decide(subject({ topic: 'kitchen/a' }), T0 + MINUTE).notify).toBe(false);
    expect(before.decide(subject({ topic: 'kitchen/a' }), T0 + 2 * MINUTE).notify).toBe(false);
    before.decide(json({ state: 'open' }, { topic: 'door/front' }), T0);
    before.decide(subject({ topic: 'noise/a' }), T0);
    before.decide(subject({ topic: 'noise/b' }), T0);

    const after = engineOf(rules, {}, roundTrip(before.exportState()));
    expect(after.dropped()).toEqual({ noise: 2 });
    expect(after.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0 + 5 * MINUTE).rule).toBe('hot');
    expect(after.decide(subject({ topic: 'kitchen/a' }), T0 + 9 * MINUTE)).toMatchObject({ notify: false });
    expect(after.decide(subject({ topic: 'kitchen/a' }), T0 + 10 * MINUTE)).toMatchObject({
      notify: true,
      heldBack: 3,
    });
    expect(after.decide(json({ state: 'closed' }, { topic: 'door/front' }), T0).rule).toBe('door');
    after.decide(subject({ topic: 'noise/c' }), T0);
    expect(after.dropped()).toEqual({ noise: 3 });
  });

  it('restores a part of the state only while its condition is unchanged; drop counts of removed rules stay', () => {
    const before = engineOf(rules);
    before.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0);
    before.decide(subject({ topic: 'kitchen/a' }), T0);
    before.decide(subject({ topic: 'noise/a' }), T0);
    const edited = engineOf(
      [
        { ...hot, match: { topic: 'sensors/+', value: '$.temperature > 35' } },
        { ...limited, limit: '1/10m' },
      ],
      {},
      roundTrip(before.exportState()),
    );
    // A new condition starts a new episode; the limit, unchanged, still holds the window.
    expect(edited.decide(json({ temperature: 36 }, { topic: 'sensors/a' }), T0 + 5 * MINUTE).rule).toBeNull();
    expect(edited.decide(subject({ topic: 'kitchen/a' }), T0 + MINUTE).notify).toBe(false);
    expect(edited.dropped()).toEqual({ noise: 1 });
    expect(edited.exportState().dropped).toEqual({ noise: 1 });
  });

  it('ignores a corrupt or foreign state', () => {
    const states = [
      null,
      42,
      { version: 2, rules: {}, dropped: {} },
      { version: 1, rules: { hot: { topics: 'nope' } }, dropped: { noise: -1 } },
      {
        version: 1,
        rules: { hot: { value: null, for: null, limit: null, topics: [['k', { since: 'x' }]] } },
        dropped: {},
      },
    ];
    for (const state of states) {
      const engine = engineOf(rules, {}, state as unknown as RulesState);
      expect(engine.decide(json({ temperature: 31 }, { topic: 'sensors/a' }), T0).rule).toBeNull();
      expect(engine.exportState().version).toBe(1);
    }
  });

  it('bounds the topics a rule remembers, forgetting the least recently used', () => {
    const engine = engineOf([rules[2]!], { maxTopicsPerRule: 100 });
    for (let i = 0; i < 150; i++) engine.decide(json({ state: 'open' }, { topic: `door/${i}` }), T0);
    engine.decide(json({ state: 'open' }, { topic: 'door/60' }), T0); // door/60 is now the most recent
    for (let i = 150; i < 170; i++) engine.decide(json({ state: 'open' }, { topic: `door/${i}` }), T0);
    const topics = engine.exportState().rules.door!.topics;
    expect(topics).toHaveLength(100);
    expect(topics.map(([key]) => key)).toContain('src-1\u0000door/60');
    expect(topics.map(([key]) => key)).not.toContain('src-1\u0000door/61');
    // door/0 was forgotten: its next value is a first value again, not a change.
    expect(engine.decide(json({ state: 'closed' }, { topic: 'door/0' }), T0).rule).toBeNull();
    expect(engine.decide(json({ state: 'closed' }, { topic: 'door/60' }), T0).rule).toBe('door');
  });

  it('keeps the state of rules with the same name apart', () => {
    const twice: RuleInput[] = [
      { name: 'same', match: { topic: 'a/#' }, action: 'notify', limit: '1/1h' },
      { name: 'same', match: { topic: 'b/#' }, action: 'notify', limit: '1/1h' },
    ];
    const before = engineOf(twice);
    before.decide(subject({ topic: 'b/x' }), T0);
    const state = roundTrip(before.exportState());
    expect(Object.keys(state.rules)).toEqual(['same', 'same (2)']);
    const after = engineOf(twice, {}, state);
    expect(after.decide(subject({ topic: 'a/x' }), T0 + 1).notify).toBe(true);
    expect(after.decide(subject({ topic: 'b/x' }), T0 + 1).notify).toBe(false);
  });
});
