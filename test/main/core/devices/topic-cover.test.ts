// Whether a source's own subscriptions already bring a topic: asked for every message a source receives, so the
// answer is remembered per topic for each list of filters, and a changed list (an edited source) asks afresh.
import { describe, expect, test } from 'vitest';
import { CoverCache, coveredBy, filterCovers } from '../../../../src/main/core/devices/topic-cover.ts';

describe('a filter covering a topic or another filter', () => {
  test.each([
    ['#', 'home/door', true],
    ['home/#', 'home/door/state', true],
    ['home/+', 'home/door', true],
    ['home/+', 'home/door/state', false],
    ['home/door', 'home/window', false],
    ['home/+/state', 'home/+/state', true],
    ['home/door/state', 'home/+/state', false],
    ['$share/group/home/#', 'home/door', true],
    ['home/door', 'home/#', false],
  ])('%s covers %s: %s', (outer, inner, covers) => {
    expect(filterCovers(outer, inner)).toBe(covers);
  });
});

describe('the remembered answers', () => {
  test('agree with coveredBy, and a new list of filters is asked afresh', () => {
    const cache = new CoverCache();
    const first = [{ filter: 'home/+' }];
    expect(cache.covers(first, 'home/door')).toBe(true);
    expect(cache.covers(first, 'garden/tap')).toBe(false);
    expect(cache.covers(first, 'home/door')).toBe(coveredBy(first, 'home/door'));
    const edited = [{ filter: 'garden/#' }];
    expect(cache.covers(edited, 'home/door')).toBe(false);
    expect(cache.covers(edited, 'garden/tap')).toBe(true);
  });

  test('stay right when more distinct topics arrive than it keeps', () => {
    const cache = new CoverCache(3);
    const filters = [{ filter: 'a/+' }];
    for (let i = 0; i < 10; i++) {
      expect(cache.covers(filters, `a/${i}`)).toBe(true);
      expect(cache.covers(filters, `b/${i}`)).toBe(false);
    }
  });
});
