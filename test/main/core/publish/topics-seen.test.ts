// Topic completion's memory: most recent first, bounded per source, filtered by prefix and limit.
import { describe, expect, test } from 'vitest';
import { TopicsSeen } from '../../../../src/main/core/publish/topics-seen.ts';

describe('topics seen', () => {
  test('keeps the most recent topics per source, each once, and forgets the oldest past the bound', () => {
    const seen = new TopicsSeen(3);
    for (const topic of ['a/1', 'a/2', 'b/1', 'a/1', 'a/3']) seen.add('s1', topic);
    seen.add('s2', 'c/1');
    expect(seen.query({ sourceId: 's1', prefix: '', limit: 10 })).toEqual(['a/3', 'a/1', 'b/1']);
    expect(seen.query({ sourceId: 's1', prefix: 'a/', limit: 10 })).toEqual(['a/3', 'a/1']);
    expect(seen.query({ sourceId: 's1', prefix: '', limit: 1 })).toEqual(['a/3']);
    expect(seen.query({ prefix: 'c', limit: 10 })).toEqual(['c/1']);
    expect(seen.query({ sourceId: 'none', prefix: '', limit: 10 })).toEqual([]);
  });
});
