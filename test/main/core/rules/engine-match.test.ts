import { describe, expect, it } from 'vitest';
import { RulesEngine } from '../../../../src/main/core/rules/engine.ts';
import type { RuleInput } from '../../../../src/shared/rules/schema.ts';
import { engineOf, json, subject } from './rules-helpers.ts';

const NOW = Date.parse('2026-06-10T12:00:00Z');

describe('rules engine: order and the default decision', () => {
  it('lets the first enabled rule whose match fits decide, in document order', () => {
    const engine = engineOf([
      { name: 'off', enabled: false, match: { topic: 'home/#' }, action: 'drop' },
      { name: 'kitchen', match: { topic: 'home/kitchen/+' }, action: 'read' },
      { name: 'home', match: { topic: 'home/#' }, action: 'silent' },
      { name: 'everything', action: 'notify' },
    ]);
    const table: [string, string][] = [
      ['home/kitchen/temp', 'kitchen'],
      ['home/hall/door', 'home'],
      ['home', 'home'],
      ['garden/pump', 'everything'],
    ];
    for (const [topic, rule] of table) expect(engine.decide(subject({ topic }), NOW).rule, topic).toBe(rule);
  });

  it('orders rules without a topic filter among the indexed ones by their place in the document', () => {
    const engine = engineOf([
      { name: 'alerts', match: { text: ['alarm'] }, action: 'notify' },
      { name: 'sensors', match: { topic: 'sensors/#' }, action: 'read' },
      { name: 'source', match: { source: 'src-1' }, action: 'silent' },
      { name: 'temps', match: { topic: 'sensors/+/temp' }, action: 'drop' },
    ]);
    expect(engine.decide(subject({ topic: 'sensors/a/temp', body: 'ALARM' }), NOW).rule).toBe('alerts');
    expect(engine.decide(subject({ topic: 'sensors/a/temp' }), NOW).rule).toBe('sensors');
    expect(engine.decide(subject({ topic: 'other' }), NOW).rule).toBe('source');
    expect(engine.decide(subject({ topic: 'sensors/a/temp', sourceId: 'x' }), NOW).rule).toBe('sensors');
  });

  it('falls back to the default: notify from priority 3 (or the source minimum) up, else silent "low priority"', () => {
    const engine = engineOf([{ name: 'only garden', match: { topic: 'garden/#' }, action: 'drop' }], {
      minPriority: (sourceId) => (sourceId === 'strict' ? 4 : 1),
    });
    const table: [string, number, boolean, string | null][] = [
      ['src-1', 3, true, null],
      ['src-1', 2, false, 'low priority'],
      ['src-1', 1, false, 'low priority'],
      ['strict', 3, false, 'low priority'],
      ['strict', 4, true, null],
    ];
    for (const [sourceId, priority, notify, reason] of table) {
      expect(engine.decide(subject({ sourceId, priority }), NOW)).toEqual({
        action: notify ? 'notify' : 'silent',
        rule: null,
        reason,
        priority,
        notify,
        heldBack: 0,
      });
    }
    expect(new RulesEngine({ version: 1, rules: [] }).decide(subject({ priority: 5 }), NOW).notify).toBe(true);
  });

  it('treats a throwing or nonsensical minPriority as 1', () => {
    const throwing = engineOf([], {
      minPriority: () => {
        throw new Error('no settings');
      },
    });
    expect(throwing.decide(subject({ priority: 3 }), NOW).notify).toBe(true);
    expect(engineOf([], { minPriority: () => Number.NaN }).decide(subject({ priority: 3 }), NOW).notify).toBe(true);
  });
});

describe('rules engine: every match field', () => {
  const cases: {
    name: string;
    rule: RuleInput;
    fits: ReturnType<typeof subject>[];
    misses: ReturnType<typeof subject>[];
  }[] = [
    {
      name: 'source by id or by name',
      rule: { name: 'r', match: { source: 'Home broker' }, action: 'read' },
      fits: [subject(), subject({ sourceId: 'Home broker', sourceName: 'x' })],
      misses: [subject({ sourceId: 'a', sourceName: 'b' })],
    },
    {
      name: 'source by id',
      rule: { name: 'r', match: { source: 'src-1' }, action: 'read' },
      fits: [subject()],
      misses: [subject({ sourceId: 'src-2' })],
    },
    {
      name: 'topic with +',
      rule: { name: 'r', match: { topic: 'home/+/temp' }, action: 'read' },
      fits: [subject({ topic: 'home/kitchen/temp' }), subject({ topic: 'home//temp' })],
      misses: [subject({ topic: 'home/kitchen/temp/x' }), subject({ topic: 'home/temp' })],
    },
    {
      name: 'topic with # (the parent level too)',
      rule: { name: 'r', match: { topic: 'home/#' }, action: 'read' },
      fits: [subject({ topic: 'home' }), subject({ topic: 'home/a/b/c' })],
      misses: [subject({ topic: 'homes/a' }), subject({ topic: 'garden/home' })],
    },
    {
      name: '# does not match $-topics',
      rule: { name: 'r', match: { topic: '#' }, action: 'read' },
      fits: [subject({ topic: 'a' })],
      misses: [subject({ topic: '$SYS/broker/uptime' })],
    },
    {
      name: 'topic against a WebSocket or SSE source name, not other kinds',
      rule: { name: 'r', match: { topic: 'Build server' }, action: 'read' },
      fits: [
        subject({ sourceKind: 'websocket', sourceName: 'Build server', topic: 'wss://ci.example/ws' }),
        subject({ sourceKind: 'sse', sourceName: 'Build server', topic: 'https://ci.example/events' }),
        subject({ sourceKind: 'gotify', topic: 'Build server' }),
      ],
      misses: [subject({ sourceKind: 'mqtt', sourceName: 'Build server', topic: 'ci' })],
    },
    {
      name: 'words: any of them, case-insensitive substrings of title or body, CJK too',
      rule: { name: 'r', match: { text: ['error', '温度', 'Disk Full'] }, action: 'read' },
      fits: [
        subject({ title: 'ERROR in job' }),
        subject({ body: 'job had errors' }),
        subject({ body: '客厅温度 31°C' }),
        subject({ title: 'disk full on /var' }),
      ],
      misses: [subject({ title: 'err', body: 'or' }), subject({ body: 'disk is full' }), subject({ body: '' })],
    },
    {
      name: 'a regular expression against title and body',
      rule: { name: 'r', match: { text: '/fail(ed|ure)\\b/i' }, action: 'read' },
      fits: [subject({ title: 'Backup FAILED' }), subject({ body: 'a failure' })],
      misses: [subject({ body: 'failures' }), subject({ title: 'fail' })],
    },
    {
      name: 'priority',
      rule: { name: 'r', match: { priority: '>=4' }, action: 'read' },
      fits: [subject({ priority: 4 }), subject({ priority: 5 })],
      misses: [subject({ priority: 3 })],
    },
    {
      name: 'a value at a JSON path',
      rule: { name: 'r', match: { value: '$.temperature > 30' }, action: 'read' },
      fits: [json({ temperature: 31 }), json({ temperature: '30.5' })],
      misses: [json({ temperature: 30 }), json({ humidity: 80 }), subject({ body: '31' }), json([31])],
    },
    {
      name: 'the whole payload as a number',
      rule: { name: 'r', match: { value: '$ >= 21.5' }, action: 'read' },
      fits: [subject({ body: '21.5' }), subject({ body: ' 1e3 ' })],
      misses: [subject({ body: '21' }), subject({ body: '22 °C' }), subject({ body: '', bodyKind: 'binary' })],
    },
    {
      name: 'a string value, and array indices',
      rule: { name: 'r', match: { value: "$.doors[1].state == 'open'" }, action: 'read' },
      fits: [json({ doors: [{}, { state: 'open' }] })],
      misses: [
        json({ doors: [{ state: 'open' }] }),
        json({ doors: [{}, { state: 'closed' }] }),
        json({ doors: 'open' }),
      ],
    },
    {
      name: 'all conditions together',
      rule: {
        name: 'r',
        match: { source: 'src-1', topic: 'home/#', text: ['door'], priority: '>2', value: "$.state == 'open'" },
        action: 'read',
      },
      fits: [json({ title: 'Door', state: 'open' }, { title: 'Door' })],
      misses: [
        json({ state: 'open' }, { title: 'Door', priority: 2 }),
        json({ state: 'closed' }, { title: 'Door' }),
        json({ state: 'open' }, { title: 'Door', topic: 'garden/door' }),
        json({ state: 'open' }, { title: 'Window' }),
      ],
    },
  ];

  for (const { name, rule, fits, misses } of cases) {
    it(name, () => {
      const engine = engineOf([rule]);
      for (const s of fits) expect(engine.decide(s, NOW).rule, JSON.stringify(s)).toBe('r');
      for (const s of misses) expect(engine.decide(s, NOW).rule, JSON.stringify(s)).toBeNull();
    });
  }
});

describe('rules engine: actions, priority and reasons', () => {
  it('maps each action to notify/stored/read and overrides the priority', () => {
    const engine = engineOf([
      { name: 'n', match: { topic: 'n' }, action: 'notify', priority: 5 },
      { name: 's', match: { topic: 's' }, action: 'silent' },
      { name: 'r', match: { topic: 'r' }, action: 'read', priority: 1 },
      { name: 'd', match: { topic: 'd' }, action: 'drop' },
    ]);
    const table: [string, string, boolean, number][] = [
      ['n', 'notify', true, 5],
      ['s', 'silent', false, 2],
      ['r', 'read', false, 1],
      ['d', 'drop', false, 2],
    ];
    for (const [topic, action, notify, priority] of table) {
      expect(engine.decide(subject({ topic, priority: 2 }), NOW), topic).toMatchObject({ action, notify, priority });
    }
  });

  it('a notify rule notifies whatever the priority (the default minimum does not apply)', () => {
    const engine = engineOf([{ name: 'all', action: 'notify' }], { minPriority: () => 5 });
    expect(engine.decide(subject({ priority: 1 }), NOW)).toMatchObject({ notify: true, priority: 1 });
  });

  it('counts dropped messages per rule name', () => {
    const engine = engineOf([
      { name: 'debug', match: { text: ['debug'] }, action: 'drop' },
      { name: 'noise', match: { topic: 'noise/#' }, action: 'drop' },
    ]);
    for (let i = 0; i < 3; i++) engine.decide(subject({ body: 'debug line' }), NOW);
    engine.decide(subject({ topic: 'noise/a' }), NOW);
    engine.decide(subject({ topic: 'quiet' }), NOW);
    expect(engine.dropped()).toEqual({ debug: 3, noise: 1 });
  });

  it('gives the most specific reason: when > value > text > priority > topic > source', () => {
    const table: [RuleInput, ReturnType<typeof subject>, string | null][] = [
      [
        { name: 'r', match: { topic: 'home/#', text: ['door'] }, when: { time: '00:00-24:00' }, action: 'silent' },
        subject({ body: 'door' }),
        'quiet hours 00:00-24:00',
      ],
      [
        { name: 'r', when: { days: ['sat', 'sun', 'wed'], time: '8:00-20:00' }, action: 'read' },
        subject(),
        'quiet hours 08:00-20:00 (wed, sat, sun)',
      ],
      [{ name: 'r', when: { days: ['mon', 'tue', 'wed', 'thu', 'fri'] }, action: 'notify' }, subject(), 'mon-fri'],
      [
        { name: 'r', when: { days: ['wed', 'mon'], time: '09:00-17:30' }, action: 'notify' },
        subject(),
        'mon, wed 09:00-17:30',
      ],
      [
        { name: 'r', match: { value: '$.t > 30', text: ['hot'] }, action: 'notify' },
        json({ t: 31, m: 'hot' }),
        '$.t > 30',
      ],
      [
        { name: 'r', match: { text: ['warn', 'ERROR'], priority: '>=1' }, action: 'notify' },
        subject({ body: 'an error' }),
        'matched "ERROR"',
      ],
      [{ name: 'r', match: { text: '/err/i' }, action: 'notify' }, subject({ body: 'ERR' }), 'matched /err/i'],
      [
        { name: 'r', match: { priority: '>=4', topic: '#' }, action: 'notify' },
        subject({ priority: 4 }),
        'priority >=4',
      ],
      [{ name: 'r', match: { priority: '5' }, action: 'notify' }, subject({ priority: 5 }), 'priority 5'],
      [{ name: 'r', match: { topic: 'home/#', source: 'src-1' }, action: 'notify' }, subject(), 'topic home/#'],
      [{ name: 'r', match: { source: 'src-1' }, action: 'notify' }, subject(), 'source src-1'],
      [{ name: 'r', action: 'notify' }, subject(), null],
    ];
    for (const [rule, s, reason] of table) {
      expect(engineOf([rule]).decide(s, NOW).reason, JSON.stringify(rule)).toBe(reason);
    }
  });
});

describe('rules engine: any subject, never a throw', () => {
  const engine = engineOf([
    { name: 'regex', match: { text: '/(a+)+$/' }, action: 'read' },
    { name: 'value', match: { value: '$.a.b > 1' }, action: 'read' },
    { name: 'changed', match: { value: 'changed' }, action: 'silent' },
    { name: 'words', match: { text: ['needle'] }, action: 'drop' },
  ]);

  it('decides huge, invalid-JSON, binary and malformed subjects', () => {
    const huge = 'x'.repeat(5_000_000) + 'needle';
    const odd = [
      subject({ body: huge }),
      subject({ body: '{"a": {"b": 2', bodyKind: 'json' }),
      subject({ body: '', bodyKind: 'binary' }),
      subject({ body: '\u0000\uffff\ud800', title: '\ud800' }),
      json({ a: { b: { c: 1 } } }),
      json({ __proto__: { b: 5 }, constructor: 1 }),
      { ...subject(), title: undefined, body: undefined, topic: undefined } as unknown as ReturnType<typeof subject>,
      { ...subject(), priority: 'high', sourceId: 7 } as unknown as ReturnType<typeof subject>,
    ];
    for (const s of odd) expect(() => engine.decide(s, NOW)).not.toThrow();
    // Past the scanned length, the needle is not looked for; decide still answers.
    expect(engine.decide(subject({ body: huge }), NOW).rule).not.toBe('words');
    expect(engine.decide(json({ a: { b: '2' } }), NOW).rule).toBe('value');
    expect(() => engine.decide(subject(), Number.NaN)).not.toThrow();
    expect(() => engine.decide(subject(), 1e300)).not.toThrow();
  });

  it('does not read inherited properties as JSON values', () => {
    const proto = engineOf([{ name: 'p', match: { value: '$.constructor != 1' }, action: 'read' }]);
    expect(proto.decide(json({}), NOW).rule).toBeNull();
    expect(proto.decide(json({ constructor: 2 }), NOW).rule).toBe('p');
  });
});
