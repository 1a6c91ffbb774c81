// The Sources page's list: sources under their groups (ungrouped ones first, then each group in the order its
// first source comes), and what moving one up or down within its group does to the saved order.
import type { SourceView } from '../../shared/model.ts';

export interface SourceGroup {
  /** null: the sources without a group. */
  name: string | null;
  sources: SourceView[];
}

export function groupSources(sources: readonly SourceView[]): SourceGroup[] {
  const groups = new Map<string | null, SourceView[]>([[null, []]]);
  for (const source of sources) {
    const name = source.group ?? null;
    let members = groups.get(name);
    if (!members) groups.set(name, (members = []));
    members.push(source);
  }
  return [...groups].filter(([, members]) => members.length > 0).map(([name, members]) => ({ name, sources: members }));
}

/** The groups in use, for the form's suggestions. */
export function groupNames(sources: readonly SourceView[]): string[] {
  return [...new Set(sources.flatMap((source) => (source.group ? [source.group] : [])))];
}

/**
 * The saved sources' ids after moving `id` one place up (-1) or down (+1) among the saved sources of its group;
 * null when it cannot move that way. Command-line sources are not saved and keep no order.
 */
export function movedIds(sources: readonly SourceView[], id: string, delta: -1 | 1): string[] | null {
  const saved = sources.filter((source) => !source.ephemeral);
  const from = saved.findIndex((source) => source.id === id);
  if (from === -1) return null;
  const group = saved[from]!.group ?? null;
  let to = from + delta;
  while (to >= 0 && to < saved.length && (saved[to]!.group ?? null) !== group) to += delta;
  if (to < 0 || to >= saved.length) return null;
  const ids = saved.map((source) => source.id);
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return ids;
}
