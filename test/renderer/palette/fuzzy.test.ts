import { describe, expect, test } from 'vitest';
import { fuzzyMatch, fuzzyRank } from '../../../src/renderer/palette/fuzzy.ts';

describe('fuzzyMatch', () => {
  test('matches characters in order, ignoring case, spaces and accents', () => {
    expect(fuzzyMatch('ktlmp', 'Kitchen lamp')?.positions).toEqual([0, 2, 8, 10, 11]);
    expect(fuzzyMatch('kitchen lamp', 'Kitchen lamp')).not.toBeNull();
    expect(fuzzyMatch('kuche', 'Küche')?.positions).toEqual([0, 1, 2, 3, 4]);
    expect(fuzzyMatch('GARAGE', 'garage door')).not.toBeNull();
  });

  test('refuses missing or out-of-order characters', () => {
    expect(fuzzyMatch('lampk', 'Kitchen lamp')).toBeNull();
    expect(fuzzyMatch('xyz', 'Kitchen lamp')).toBeNull();
    expect(fuzzyMatch('lamps', 'lamp')).toBeNull();
  });

  test('an empty query matches everything with score 0', () => {
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, positions: [] });
  });

  test('prefers word starts over the first occurrence', () => {
    // "l" first appears inside "Hall", but "lamp" starts a word: the match takes the word.
    expect(fuzzyMatch('lamp', 'Hall lamp')?.positions).toEqual([5, 6, 7, 8]);
  });

  test('a run of characters scores above the same characters scattered', () => {
    const run = fuzzyMatch('door', 'Garage door')!;
    const scattered = fuzzyMatch('door', 'Dining room outdoor')!;
    expect(run.score).toBeGreaterThan(scattered.score);
  });
});

describe('fuzzyRank', () => {
  const names = ['Garage door', 'Desk lamp', 'Kitchen lamp', 'Doorbell', 'Living room lights'];

  test('keeps only matches, best first', () => {
    const ranked = fuzzyRank('lamp', names, (name) => name).map((r) => r.item);
    expect(ranked).toEqual(['Desk lamp', 'Kitchen lamp']);
  });

  test('a word-start abbreviation finds its item first', () => {
    expect(fuzzyRank('klmp', names, (name) => name)[0]?.item).toBe('Kitchen lamp');
    expect(fuzzyRank('gd', names, (name) => name)[0]?.item).toBe('Garage door');
  });

  test('the query "door" ranks the word "door" above a name merely containing it', () => {
    const ranked = fuzzyRank('door', names, (name) => name).map((r) => r.item);
    expect(ranked).toEqual(['Doorbell', 'Garage door']);
  });

  test('an empty query keeps every item in its order', () => {
    expect(fuzzyRank('', names, (name) => name).map((r) => r.item)).toEqual(names);
  });
});
