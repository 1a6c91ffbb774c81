// Who may read and write which topics, in Mosquitto's own `acl_file` syntax so an admin's existing file works:
//   # comment
//   topic read sensors/#          (lines before any `user` line apply to anonymous clients)
//   user alice
//   topic readwrite home/#        (access is read, write, readwrite or deny; readwrite when left out)
//   pattern write devices/%c/#    (for every client: %u is the user name, %c the client id)
// A matching `deny` wins; otherwise an entry that matches and grants the access allows it; otherwise denied.
import { readFileSync } from 'node:fs';

export type Access = 'read' | 'write';
type EntryAccess = Access | 'readwrite' | 'deny';

interface AclEntry {
  access: EntryAccess;
  /** Levels of the topic filter, split once when the file is read. */
  levels: string[];
}

interface PatternEntry {
  access: EntryAccess;
  filter: string;
}

export interface AclFile {
  readonly anonymous: readonly AclEntry[];
  readonly users: ReadonlyMap<string, readonly AclEntry[]>;
  readonly patterns: readonly PatternEntry[];
  /** Lines that were skipped, with their line number and why. */
  readonly problems: string[];
}

const ACCESS = new Set<EntryAccess>(['read', 'write', 'readwrite', 'deny']);

export function parseAclFile(text: string): AclFile {
  const anonymous: AclEntry[] = [];
  const users = new Map<string, AclEntry[]>();
  const patterns: PatternEntry[] = [];
  const problems: string[] = [];
  let current = anonymous;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [keyword, ...rest] = line.split(/\s+/);
    if (keyword === 'user') {
      const name = line.slice('user'.length).trim();
      if (!name) return void problems.push(`line ${index + 1}: "user" needs a name`);
      current = users.get(name) ?? [];
      users.set(name, current);
      return;
    }
    if (keyword !== 'topic' && keyword !== 'pattern') {
      return void problems.push(`line ${index + 1}: unknown keyword "${keyword}" (expected user, topic or pattern)`);
    }
    const explicit = ACCESS.has(rest[0] as EntryAccess) && rest.length > 1;
    const access = explicit ? (rest[0] as EntryAccess) : 'readwrite';
    // The filter is the rest of the line, spaces included, as Mosquitto reads it.
    const afterKeyword = line.slice(keyword.length).trim();
    const filter = explicit ? afterKeyword.slice(rest[0]!.length).trim() : afterKeyword;
    if (!isFilter(filter)) return void problems.push(`line ${index + 1}: "${filter}" is not a valid topic filter`);
    if (keyword === 'pattern') patterns.push({ access, filter });
    else current.push({ access, levels: filter.split('/') });
  });
  return { anonymous, users, patterns, problems };
}

export function readAclFile(path: string): AclFile {
  return parseAclFile(readFileSync(path, 'utf8'));
}

export interface AclSubject {
  /** Undefined for an anonymous client. */
  username: string | undefined;
  clientId: string;
}

/**
 * Whether the client may publish to `topic` (write) or receive it (read). For a subscription, pass the filter
 * and `subscribe: true`: it is allowed when a read entry covers every topic the filter can match.
 */
export function aclAllows(acl: AclFile, who: AclSubject, access: Access, topic: string, subscribe = false): boolean {
  const levels = topic.split('/');
  const matches = subscribe ? covers : matchesTopic;
  let allowed = false;
  const consider = (entryAccess: EntryAccess, filterLevels: string[]): boolean => {
    if (!matches(filterLevels, levels)) return false;
    if (entryAccess === 'deny') return true;
    if (entryAccess === 'readwrite' || entryAccess === access) allowed = true;
    return false;
  };
  const own = who.username === undefined ? acl.anonymous : (acl.users.get(who.username) ?? []);
  for (const entry of own) if (consider(entry.access, entry.levels)) return false;
  for (const pattern of acl.patterns) {
    const filter = substitute(pattern.filter, who);
    if (filter !== null && consider(pattern.access, filter.split('/'))) return false;
  }
  return allowed;
}

/** %u and %c filled in; null when the pattern cannot apply (no user name, or one that would act as a wildcard). */
function substitute(filter: string, who: AclSubject): string | null {
  if (filter.includes('%u') && (who.username === undefined || /[+#/]/.test(who.username))) return null;
  if (filter.includes('%c') && /[+#/]/.test(who.clientId)) return null;
  return filter.replaceAll('%u', who.username ?? '').replaceAll('%c', who.clientId);
}

/** MQTT matching of a concrete topic; wildcards at the first level never match a `$` topic ([MQTT-4.7.2-1]). */
export function matchesTopic(filter: readonly string[], topic: readonly string[]): boolean {
  if (topic[0]?.startsWith('$') && (filter[0] === '+' || filter[0] === '#')) return false;
  for (let i = 0; i < filter.length; i++) {
    const level = filter[i];
    if (level === '#') return true;
    if (i >= topic.length) return false;
    if (level !== '+' && level !== topic[i]) return false;
  }
  return filter.length === topic.length;
}

/** Whether every topic `sub` can match is matched by `filter` (a subscription within what the entry allows). */
function covers(filter: string[], sub: string[]): boolean {
  if (sub[0]?.startsWith('$') && (filter[0] === '+' || filter[0] === '#')) return false;
  for (let i = 0; i < filter.length; i++) {
    const level = filter[i];
    if (level === '#') return true;
    if (i >= sub.length) return false;
    if (sub[i] === '#') return false;
    if (level === '+') continue;
    if (level !== sub[i]) return false;
  }
  return filter.length === sub.length;
}

function isFilter(filter: string): boolean {
  if (filter === '') return false;
  const levels = filter.split('/');
  return levels.every(
    (level, i) =>
      (level === '#' && i === levels.length - 1) || level === '+' || (!level.includes('#') && !level.includes('+')),
  );
}
