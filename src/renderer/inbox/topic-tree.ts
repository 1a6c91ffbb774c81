// The sidebar's tree, built from the per-topic counts main keeps: a node per source, topic levels below it,
// and the sources of a group (the Sources page's sections) under a node for the group; sources without one at
// the top, before the groups. Every node's counts are the sum of the topics under it. Choosing a source or topic
// filters the list to it; a group is a heading.
export interface TopicCountRow {
  sourceId: string;
  topic: string;
  total: number;
  unread: number;
}

export interface TreeNode {
  kind: 'group' | 'source' | 'topic';
  key: string;
  label: string;
  /** '' for a group. */
  sourceId: string;
  /** The topic levels down to this node; '' for a source. */
  path: string;
  unread: number;
  total: number;
  children: TreeNode[];
}

export function buildTree(
  rows: readonly TopicCountRow[],
  sourceName: (id: string) => string,
  groupOf: (id: string) => string | undefined = () => undefined,
): TreeNode[] {
  const roots = new Map<string, TreeNode>();
  for (const row of rows) {
    let root = roots.get(row.sourceId);
    if (root === undefined) {
      root = {
        kind: 'source',
        key: row.sourceId,
        label: sourceName(row.sourceId),
        sourceId: row.sourceId,
        path: '',
        unread: 0,
        total: 0,
        children: [],
      };
      roots.set(row.sourceId, root);
    }
    let node: TreeNode = root;
    node.unread += row.unread;
    node.total += row.total;
    const levels = row.topic.split('/');
    for (let i = 0; i < levels.length; i++) {
      const path = levels.slice(0, i + 1).join('/');
      const level = levels[i]!;
      let child: TreeNode | undefined = node.children.find((c) => c.path === path);
      if (child === undefined) {
        child = {
          kind: 'topic',
          key: `${row.sourceId}\u0000${path}`,
          label: level,
          sourceId: row.sourceId,
          path,
          unread: 0,
          total: 0,
          children: [],
        };
        node.children.push(child);
      }
      child.unread += row.unread;
      child.total += row.total;
      node = child;
    }
  }
  const ungrouped: TreeNode[] = [];
  const groups = new Map<string, TreeNode>();
  for (const source of roots.values()) {
    const name = groupOf(source.sourceId);
    if (name === undefined) {
      ungrouped.push(source);
      continue;
    }
    let group = groups.get(name);
    if (group === undefined) {
      // The separator keeps a group's key apart from every source's and topic's (a source id is never empty).
      group = {
        kind: 'group',
        key: `\u0000${name}`,
        label: name,
        sourceId: '',
        path: '',
        unread: 0,
        total: 0,
        children: [],
      };
      groups.set(name, group);
    }
    group.children.push(source);
    group.unread += source.unread;
    group.total += source.total;
  }
  const sorted = (nodes: TreeNode[]): TreeNode[] =>
    nodes.sort((a, b) => a.label.localeCompare(b.label)).map((n) => ({ ...n, children: sorted(n.children) }));
  return [...sorted(ungrouped), ...sorted([...groups.values()])];
}

/**
 * The list filter a node stands for: its source, and its topic (with everything below it when it has children);
 * null for a group, which is a heading only (the list filters by one source at most).
 */
export function filterOf(node: TreeNode): { sourceId: string; topic?: string } | null {
  if (node.kind === 'group') return null;
  if (node.kind === 'source') return { sourceId: node.sourceId };
  return { sourceId: node.sourceId, topic: node.children.length > 0 ? `${node.path}/#` : node.path };
}
