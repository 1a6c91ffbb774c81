// The sidebar's tree, built from the per-topic counts main keeps: one root per source, topic levels below it,
// every node's counts the sum of the topics under it. Choosing a node filters the list to it.
export interface TopicCountRow {
  sourceId: string;
  topic: string;
  total: number;
  unread: number;
}

export interface TreeNode {
  key: string;
  label: string;
  sourceId: string;
  /** The topic levels down to this node; '' for a source. */
  path: string;
  unread: number;
  total: number;
  children: TreeNode[];
}

export function buildTree(rows: readonly TopicCountRow[], sourceName: (id: string) => string): TreeNode[] {
  const roots = new Map<string, TreeNode>();
  for (const row of rows) {
    let root = roots.get(row.sourceId);
    if (root === undefined) {
      root = {
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
  const sorted = (nodes: TreeNode[]): TreeNode[] =>
    nodes.sort((a, b) => a.label.localeCompare(b.label)).map((n) => ({ ...n, children: sorted(n.children) }));
  return sorted([...roots.values()]);
}

/** The list filter a node stands for: its source, and its topic (with everything below it when it has children). */
export function filterOf(node: TreeNode): { sourceId: string; topic?: string } {
  // A source's key is its id alone; a topic's has the path after a separator (a path may be '' too).
  if (node.key === node.sourceId) return { sourceId: node.sourceId };
  return { sourceId: node.sourceId, topic: node.children.length > 0 ? `${node.path}/#` : node.path };
}
