// The Sources page's grouping and moving, without React: ungrouped first, groups in the order of their first
// source, and a move swaps a source with its neighbour in the same group (command-line sources keep no order).
import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../../src/shared/model.ts';
import { groupNames, groupSources, movedIds } from '../../../src/renderer/sources/source-order.ts';

function view(id: string, group?: string, ephemeral = false): SourceView {
  return {
    id,
    kind: 'gotify',
    name: id,
    url: 'http://127.0.0.1:1',
    enabled: true,
    minPriority: 1,
    ...(group ? { group } : {}),
    embedded: false,
    ephemeral,
    hasPassword: false,
    hasToken: false,
    hasTlsKey: false,
    status: { state: 'connected', since: 0 },
  };
}

const SOURCES = [view('a', 'Office'), view('b'), view('c', 'Home'), view('d', 'Office'), view('cli', undefined, true)];

describe('grouping the sources', () => {
  it('lists ungrouped sources first, then each group in the order of its first source', () => {
    expect(groupSources(SOURCES).map((g) => [g.name, g.sources.map((s) => s.id)])).toEqual([
      [null, ['b', 'cli']],
      ['Office', ['a', 'd']],
      ['Home', ['c']],
    ]);
    expect(groupNames(SOURCES)).toEqual(['Office', 'Home']);
  });

  it('has no empty ungrouped section when every source is in a group', () => {
    expect(groupSources([view('a', 'X')]).map((g) => g.name)).toEqual(['X']);
  });
});

describe('moving a source', () => {
  it('swaps it with the next or previous source of its own group, in the saved order', () => {
    expect(movedIds(SOURCES, 'd', -1)).toEqual(['d', 'b', 'c', 'a']);
    expect(movedIds(SOURCES, 'a', 1)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('cannot move past the ends of its group, and command-line sources do not move', () => {
    expect(movedIds(SOURCES, 'a', -1)).toBeNull();
    expect(movedIds(SOURCES, 'd', 1)).toBeNull();
    expect(movedIds(SOURCES, 'c', 1)).toBeNull();
    expect(movedIds(SOURCES, 'cli', -1)).toBeNull();
  });
});
