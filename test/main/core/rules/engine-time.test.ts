import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../../../src/main/core/rules/local-time.ts';
import type { RuleInput } from '../../../../src/shared/rules/schema.ts';
import { at, engineOf, subject } from './rules-helpers.ts';

const quiet: RuleInput = { name: 'night', when: { time: '22:00-07:00' }, action: 'silent' };

describe('local time', () => {
  it('reads weekday, minute and date in a zone, across DST changes', () => {
    const berlin = new LocalClock('Europe/Berlin');
    const table: [string, number, string, string][] = [
      ['2026-03-29T00:59:00Z', 0, '2026-03-29', '01:59'], // CET, Sunday
      ['2026-03-29T01:00:00Z', 0, '2026-03-29', '03:00'], // CEST: 02:00-02:59 never happens
      ['2026-10-25T00:30:00Z', 0, '2026-10-25', '02:30'], // CEST
      ['2026-10-25T01:30:00Z', 0, '2026-10-25', '02:30'], // CET: 02:30 again
      ['2026-12-31T23:30:00Z', 5, '2027-01-01', '00:30'],
    ];
    for (const [iso, weekday, date, clock] of table) {
      expect(berlin.local(at(iso)), iso).toMatchObject({ weekday, date, clock });
    }
    expect(new LocalClock('America/New_York').local(at('2026-03-08T07:00:00Z')).clock).toBe('03:00');
  });

  it('falls back to the system zone for an unknown one, and caches per minute', () => {
    expect(new LocalClock('Mars/Olympus_Mons').timeZone).toBe(new LocalClock().timeZone);
    const clock = new LocalClock('UTC');
    expect(clock.at(at('2026-06-10T12:00:00Z'))).toBe(clock.at(at('2026-06-10T12:00:59.999Z')));
    expect(clock.at(at('2026-06-10T12:01:00Z')).clock).toBe('12:01');
  });
});

describe('rules engine: when', () => {
  it('quiet hours across midnight: the start minute in, the end minute out', () => {
    const engine = engineOf([quiet]);
    const table: [string, string | null][] = [
      ['2026-06-10T21:59:00Z', null],
      ['2026-06-10T22:00:00Z', 'night'],
      ['2026-06-10T23:59:59Z', 'night'],
      ['2026-06-11T00:00:00Z', 'night'],
      ['2026-06-11T06:59:59Z', 'night'],
      ['2026-06-11T07:00:00Z', null],
      ['2026-06-11T12:00:00Z', null],
    ];
    for (const [iso, rule] of table) expect(engine.decide(subject(), at(iso)).rule, iso).toBe(rule);
    expect(engine.decide(subject(), at('2026-06-10T23:00:00Z'))).toMatchObject({
      action: 'silent',
      notify: false,
      reason: 'quiet hours 22:00-07:00',
    });
  });

  it('a range within a day, and a range ending at 24:00', () => {
    const engine = engineOf([
      { name: 'office', when: { time: '09:00-17:00' }, action: 'notify' },
      { name: 'evening', when: { time: '18:00-24:00' }, action: 'read' },
    ]);
    const table: [string, string | null][] = [
      ['2026-06-10T08:59:00Z', null],
      ['2026-06-10T09:00:00Z', 'office'],
      ['2026-06-10T16:59:00Z', 'office'],
      ['2026-06-10T17:00:00Z', null],
      ['2026-06-10T18:00:00Z', 'evening'],
      ['2026-06-10T23:59:00Z', 'evening'],
      ['2026-06-11T00:00:00Z', null],
    ];
    for (const [iso, rule] of table) expect(engine.decide(subject(), at(iso)).rule, iso).toBe(rule);
  });

  it('days: the local weekday; after midnight, a night belongs to the day it began', () => {
    const engine = engineOf([
      { name: 'friday night', when: { days: ['fri'], time: '22:00-07:00' }, action: 'silent' },
      { name: 'weekend', when: { days: ['sat', 'sun'] }, action: 'read' },
    ]);
    // 2026-03-27 is a Friday.
    const table: [string, string | null][] = [
      ['2026-03-26T23:00:00Z', null], // Thursday night
      ['2026-03-27T06:00:00Z', null], // Friday morning: the end of Thursday's night
      ['2026-03-27T12:00:00Z', null],
      ['2026-03-27T22:00:00Z', 'friday night'],
      ['2026-03-28T06:59:00Z', 'friday night'], // Saturday morning, still Friday's night
      ['2026-03-28T07:00:00Z', 'weekend'],
      ['2026-03-28T23:00:00Z', 'weekend'], // Saturday night is not Friday's
      ['2026-03-29T23:59:00Z', 'weekend'],
      ['2026-03-30T00:00:00Z', null], // Monday
    ];
    for (const [iso, rule] of table) expect(engine.decide(subject(), at(iso)).rule, iso).toBe(rule);
  });

  it('uses the local weekday of the engine zone, not UTC', () => {
    // 2026-06-12T23:30Z is Friday in UTC and already Saturday 01:30 in Berlin.
    const rule: RuleInput = { name: 'weekend', when: { days: ['sat', 'sun'] }, action: 'read' };
    expect(engineOf([rule]).decide(subject(), at('2026-06-12T23:30:00Z')).rule).toBeNull();
    expect(engineOf([rule], { timeZone: 'Europe/Berlin' }).decide(subject(), at('2026-06-12T23:30:00Z')).rule).toBe(
      'weekend',
    );
  });

  const dstCases: { zone: string; rows: [string, boolean][] }[] = [
    {
      // Europe/Berlin: CET (+1) until 2026-03-29 01:00Z, CEST (+2) until 2026-10-25 01:00Z.
      zone: 'Europe/Berlin',
      rows: [
        ['2026-03-28T20:59:00Z', false], // Sat 21:59 CET
        ['2026-03-28T21:00:00Z', true], // Sat 22:00 CET
        ['2026-03-29T00:59:00Z', true], // 01:59 CET, then 03:00 CEST
        ['2026-03-29T04:59:00Z', true], // 06:59 CEST
        ['2026-03-29T05:00:00Z', false], // 07:00 CEST (06:00 had the offset not changed)
        ['2026-10-24T19:59:00Z', false], // Sat 21:59 CEST
        ['2026-10-24T20:00:00Z', true], // Sat 22:00 CEST
        ['2026-10-25T05:59:00Z', true], // 06:59 CET (07:59 had the offset not changed)
        ['2026-10-25T06:00:00Z', false], // 07:00 CET
      ],
    },
    {
      // America/New_York: EST (-5) until 2026-03-08 07:00Z, EDT (-4) until 2026-11-01 06:00Z.
      zone: 'America/New_York',
      rows: [
        ['2026-03-08T02:59:00Z', false], // Sat 21:59 EST
        ['2026-03-08T03:00:00Z', true], // Sat 22:00 EST
        ['2026-03-08T10:59:00Z', true], // 06:59 EDT
        ['2026-03-08T11:00:00Z', false], // 07:00 EDT (06:00 had the offset not changed)
        ['2026-10-31T01:59:00Z', false], // Fri 21:59 EDT
        ['2026-10-31T02:00:00Z', true], // Fri 22:00 EDT
        ['2026-11-01T11:59:00Z', true], // 06:59 EST (07:59 had the offset not changed)
        ['2026-11-01T12:00:00Z', false], // 07:00 EST
      ],
    },
  ];
  for (const { zone, rows } of dstCases) {
    it(`quiet hours 22:00-07:00 across the DST changes of ${zone}`, () => {
      const engine = engineOf([quiet], { timeZone: zone });
      for (const [iso, inside] of rows)
        expect(engine.decide(subject(), at(iso)).rule, iso).toBe(inside ? 'night' : null);
    });
  }

  it('an hour that DST skips never happens, an hour it repeats happens twice', () => {
    const engine = engineOf([{ name: 'two', when: { time: '02:00-03:00' }, action: 'read' }], {
      timeZone: 'America/New_York',
    });
    const table: [string, string | null][] = [
      ['2026-03-08T06:59:00Z', null], // 01:59 EST
      ['2026-03-08T07:00:00Z', null], // 03:00 EDT
      ['2026-11-01T05:30:00Z', null], // 01:30 EDT
      ['2026-11-01T06:30:00Z', null], // 01:30 EST
      ['2026-11-01T07:00:00Z', 'two'], // 02:00 EST
    ];
    for (const [iso, rule] of table) expect(engine.decide(subject(), at(iso)).rule, iso).toBe(rule);
    const repeated = engineOf([{ name: 'one', when: { time: '01:00-02:00' }, action: 'read' }], {
      timeZone: 'America/New_York',
    });
    expect(repeated.decide(subject(), at('2026-11-01T05:30:00Z')).rule).toBe('one');
    expect(repeated.decide(subject(), at('2026-11-01T06:30:00Z')).rule).toBe('one');
  });
});

describe('rules engine: snooze', () => {
  const snoozed = (snoozeUntil: string, action: 'notify' | 'silent' | 'read' | 'drop' = 'notify') =>
    engineOf([{ name: 'kitchen', match: { topic: 'home/kitchen/#' }, action, snoozeUntil }], {
      timeZone: 'Europe/Berlin',
    });

  it('acts as silent until snoozeUntil, then as written', () => {
    const engine = snoozed('2026-06-10T08:00:00+02:00');
    const table: [string, string, boolean, string | null][] = [
      ['2026-06-10T05:59:59Z', 'silent', false, 'snoozed until 08:00'],
      ['2026-06-10T06:00:00Z', 'notify', true, 'topic home/kitchen/#'],
      ['2026-06-11T06:00:00Z', 'notify', true, 'topic home/kitchen/#'],
    ];
    for (const [iso, action, notify, reason] of table) {
      expect(engine.decide(subject(), at(iso)), iso).toMatchObject({ action, notify, reason, rule: 'kitchen' });
    }
  });

  it('names the date when the snooze does not end today (in the engine zone)', () => {
    const engine = snoozed('2026-06-10T23:30:00Z'); // 01:30 on the 11th in Berlin
    expect(engine.decide(subject(), at('2026-06-10T12:00:00Z')).reason).toBe('snoozed until 2026-06-11 01:30');
    expect(engine.decide(subject(), at('2026-06-10T22:30:00Z')).reason).toBe('snoozed until 01:30');
  });

  it('quiets a silent rule too ("snoozed"), and never makes a read or drop rule louder', () => {
    const now = at('2026-06-10T06:00:00Z');
    expect(snoozed('2026-06-11T00:00:00Z', 'silent').decide(subject(), now)).toMatchObject({
      action: 'silent',
      reason: 'snoozed until 2026-06-11 02:00',
    });
    expect(snoozed('2026-06-11T00:00:00Z', 'read').decide(subject(), now)).toMatchObject({
      action: 'read',
      reason: 'topic home/kitchen/#',
    });
    const drop = snoozed('2026-06-11T00:00:00Z', 'drop');
    expect(drop.decide(subject(), now).action).toBe('drop');
    expect(drop.dropped()).toEqual({ kitchen: 1 });
  });

  it('a snoozed rule still needs its match and when to fit', () => {
    const engine = snoozed('2026-06-11T00:00:00Z');
    expect(engine.decide(subject({ topic: 'garden' }), at('2026-06-10T06:00:00Z')).rule).toBeNull();
  });
});
