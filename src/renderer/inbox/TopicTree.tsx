// The sidebar: sources (under their group, if they have one) and their topics as a tree with unread counts per
// node. The counts come from main's per-topic table (`inbox.topics`, kept as messages change), fetched again after
// inbox changes (arrivals at most twice a second), so the sidebar agrees with the badge and the list without ever
// counting the inbox.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import type { SourceOption } from './SearchBar.tsx';
import { useT } from '../i18n/i18n.ts';
import { buildTree, filterOf, type TopicCountRow, type TreeNode } from './topic-tree.ts';

const REFRESH_MS = 500;
const RETRY_MS = 1000;

interface TopicTreeProps {
  sources: readonly SourceOption[];
  /** The list's current source and topic filter, to show which node is chosen. */
  sourceId: string | undefined;
  topic: string | undefined;
  onChoose(filter: { sourceId?: string; topic?: string }): void;
}

// Memoised: the page renders with every batch of new messages, the tree only when its own counts come in.
export const TopicTree = memo(function TopicTree({ sources, sourceId, topic, onChoose }: TopicTreeProps) {
  const client = useClient();
  const t = useT();
  const { epoch } = useLinkStatus();
  const [rows, setRows] = useState<TopicCountRow[]>([]);
  // Nodes the user opened or closed: groups start open and topics closed (sources are always open).
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    // Only the latest request's reply is shown: an older one answered late would bring back counts from before
    // what the user just did. A failed request is tried again, or the sidebar would keep stale counts until the
    // next change.
    let latest = 0;
    const load = () => {
      timer.current = null;
      const request = ++latest;
      client.invoke('inbox.topics', {}).then(
        (reply) => live && request === latest && setRows(reply.topics),
        () => {
          if (live && request === latest) timer.current ??= setTimeout(load, RETRY_MS);
        },
      );
    };
    load();
    // Read-state changes are what the user just did: shown at once. Arrivals come in bursts: at most every REFRESH_MS.
    const off = client.on('inbox.changed', (change) => {
      const now = change.allRead || change.readIds || change.unreadIds || change.removedIds;
      if (now && timer.current) clearTimeout(timer.current);
      if (now) load();
      else timer.current ??= setTimeout(load, REFRESH_MS);
    });
    return () => {
      live = false;
      off();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [client, epoch]);

  const tree = useMemo(() => {
    const byId = new Map(sources.map((source) => [source.id, source]));
    return buildTree(
      rows,
      (id) => byId.get(id)?.name ?? id,
      (id) => byId.get(id)?.group,
    );
  }, [rows, sources]);
  const toggle = (key: string) =>
    setToggled((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const renderNode = (node: TreeNode, depth: number) => {
    const filter = filterOf(node);
    const chosen = filter !== null && filter.sourceId === sourceId && filter.topic === topic;
    const open = node.kind === 'source' || (node.kind === 'group') !== toggled.has(node.key);
    const label = <span className="tree-label">{node.label === '' ? t('inbox.tree.empty') : node.label}</span>;
    const count = node.unread > 0 && (
      <span className="tree-count" data-testid="tree-count" aria-label={t('inbox.unreadCount', { count: node.unread })}>
        {node.unread.toLocaleString()}
      </span>
    );
    return (
      <li
        key={node.key}
        role="treeitem"
        aria-expanded={node.children.length > 0 ? open : undefined}
        aria-selected={filter === null ? undefined : chosen}
        data-kind={node.kind}
      >
        <div className="tree-row" style={{ paddingLeft: depth * 12 }}>
          {node.children.length > 0 && node.kind !== 'source' ? (
            <button
              type="button"
              className="tree-toggle"
              aria-label={open ? t('inbox.tree.collapse') : t('inbox.tree.expand')}
              onClick={() => toggle(node.key)}
            >
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="tree-toggle" aria-hidden="true" />
          )}
          {filter === null ? (
            // A group is a heading: it filters nothing (its toggle opens and closes it).
            <span className="tree-node tree-group" title={node.label}>
              {label}
              {count}
            </span>
          ) : (
            <button
              type="button"
              className={chosen ? 'tree-node chosen' : 'tree-node'}
              title={filter.topic ?? node.label}
              onClick={() => onChoose(chosen ? {} : filter)}
            >
              {label}
              {count}
            </button>
          )}
        </div>
        {open && node.children.length > 0 && <ul role="group">{node.children.map((c) => renderNode(c, depth + 1))}</ul>}
      </li>
    );
  };

  return (
    <nav className="topic-tree" aria-label={t('inbox.tree.label')}>
      <ul role="tree" aria-label={t('inbox.tree.label')}>
        {tree.map((node) => renderNode(node, 0))}
      </ul>
    </nav>
  );
});
