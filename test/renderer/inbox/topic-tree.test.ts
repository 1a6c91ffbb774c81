// The sidebar's tree from per-topic counts: sources at the root (under a group node if they have a group), topic
// levels below, each node the sum of what is under it; a node filters the list to its source and topic (with all
// below it when it has children), a group filters nothing.
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

describe('topic tree with source groups', () => {
  const rows = [
    { sourceId: 'hass', topic: 'lights/hall', total: 4, unread: 3 },
    { sourceId: 'zigbee', topic: 'door', total: 2, unread: 1 },
    { sourceId: 'ntfy', topic: 'backups', total: 6, unread: 5 },
    { sourceId: 'gotify', topic: 'deploys', total: 1, unread: 1 },
    { sourceId: 'gone', topic: 'old', total: 7, unread: 2 },
  ];
  const names: Record<string, string> = { hass: 'Assistant', zigbee: 'Zigbee', ntfy: 'ntfy.sh', gotify: 'Gotify' };
  const groups: Record<string, string> = { hass: 'Home', zigbee: 'Home', gotify: 'Office' };
  const tree = buildTree(
    rows,
    (id) => names[id] ?? id,
    (id) => groups[id],
  );

  it('lists sources under their group, with the group summing their counts; ungrouped ones first, as before', () => {
    expect(tree.map((n) => [n.kind, n.label, n.unread, n.total])).toEqual([
      ['source', 'gone', 2, 7],
      ['source', 'ntfy.sh', 5, 6],
      ['group', 'Home', 4, 6],
      ['group', 'Office', 1, 1],
    ]);
    const home = tree[2]!;
    expect(home.children.map((n) => [n.kind, n.label, n.unread])).toEqual([
      ['source', 'Assistant', 3],
      ['source', 'Zigbee', 1],
    ]);
    expect(shape(home.children[0]!.children)).toEqual([
      { label: 'lights', unread: 3, total: 4, children: [{ label: 'hall', unread: 3, total: 4, children: [] }] },
    ]);
  });

  it('adds up at the top to the unread count the badge and title show', () => {
    const unread = rows.reduce((sum, row) => sum + row.unread, 0);
    expect(tree.reduce((sum, node) => sum + node.unread, 0)).toBe(unread);
  });

  it('makes a group a heading that filters nothing, and its sources and topics filter as before', () => {
    const home = tree[2]!;
    expect(filterOf(home)).toBeNull();
    expect(filterOf(home.children[0]!)).toEqual({ sourceId: 'hass' });
    expect(filterOf(home.children[0]!.children[0]!)).toEqual({ sourceId: 'hass', topic: 'lights/#' });
    // A group named like a source, or like a source's topic, still has a key of its own.
    const clash = buildTree(
      [
        { sourceId: 'a', topic: 'x', total: 1, unread: 1 },
        { sourceId: 'x', topic: 'y', total: 1, unread: 1 },
      ],
      (id) => id,
      (id) => (id === 'x' ? 'a' : undefined),
    );
    const keys = (nodes: TreeNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children)]);
    expect(new Set(keys(clash)).size).toBe(keys(clash).length);
  });
});
