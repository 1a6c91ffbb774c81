// The sidebar's tree from per-topic counts: sources at the root, topic levels below, each node the sum of what
// is under it; a node filters the list to its source and topic (with all below it when it has children).
import { describe, expect, it } from 'vitest';
import { buildTree, filterOf, type TreeNode } from '../../../src/renderer/inbox/topic-tree.ts';

const shape = (nodes: TreeNode[]): unknown =>
  nodes.map((n) => ({ label: n.label, unread: n.unread, total: n.total, children: shape(n.children) }));

describe('topic tree', () => {
  it('sums counts up the levels and sorts by name', () => {
    const tree = buildTree(
      [
        { sourceId: 'b', topic: 'home/kitchen/temp', total: 5, unread: 2 },
        { sourceId: 'b', topic: 'home/door', total: 3, unread: 0 },
        { sourceId: 'b', topic: 'home', total: 1, unread: 1 },
        { sourceId: 'a', topic: 'alerts', total: 4, unread: 4 },
      ],
      (id) => (id === 'a' ? 'Alpha' : 'Bravo'),
    );
    expect(shape(tree)).toEqual([
      { label: 'Alpha', unread: 4, total: 4, children: [{ label: 'alerts', unread: 4, total: 4, children: [] }] },
      {
        label: 'Bravo',
        unread: 3,
        total: 9,
        children: [
          {
            label: 'home',
            unread: 3,
            total: 9,
            children: [
              { label: 'door', unread: 0, total: 3, children: [] },
              {
                label: 'kitchen',
                unread: 2,
                total: 5,
                children: [{ label: 'temp', unread: 2, total: 5, children: [] }],
              },
            ],
          },
        ],
      },
    ]);
    const bravo = tree[1]!;
    const home = bravo.children[0]!;
    expect(filterOf(bravo)).toEqual({ sourceId: 'b' });
    expect(filterOf(home)).toEqual({ sourceId: 'b', topic: 'home/#' });
    expect(filterOf(home.children[0]!)).toEqual({ sourceId: 'b', topic: 'home/door' });
  });

  it('keeps topics with empty levels apart from their source', () => {
    const [source] = buildTree([{ sourceId: 's', topic: '/a', total: 1, unread: 1 }], () => 'S');
    const empty = source!.children[0]!;
    expect(empty.label).toBe('');
    expect(filterOf(empty)).toEqual({ sourceId: 's', topic: '/#' });
    expect(filterOf(empty.children[0]!)).toEqual({ sourceId: 's', topic: '/a' });
  });
});
