// What importing a setup does to the current one: the import replaces it, so the plan names what it adds,
// changes and removes (sources by id, rules by name, other settings by section) and which secrets to write or
// forget. Secrets of a source the import keeps (same id) stay unless the document brings new ones.
import type { ImportPreview } from '../../../shared/commands/admin.ts';
import { SECRET_FIELDS } from '../../../shared/sources.ts';
import type { Settings } from '../settings/schema.ts';
import type { Policy } from '../settings/policy.ts';
import { BROKER_SECRET_KEYS, sourceSecretKey } from '../settings/types.ts';
import type { Setup } from './config-document.ts';

/** Settings sections compared as a whole; sources and rules are compared item by item. */
const ITEMIZED = new Set(['sources', 'rules', 'version', 'initialized', 'policy']);

interface Named {
  key: string;
  name: string;
  value: unknown;
}

function changes(current: Named[], incoming: Named[]): ImportPreview['sources'] {
  const before = new Map(current.map((item) => [item.key, item]));
  const after = new Map(incoming.map((item) => [item.key, item]));
  return {
    added: incoming.filter((item) => !before.has(item.key)).map((item) => item.name),
    changed: incoming
      .filter((item) => before.has(item.key) && !sameJson(before.get(item.key)!.value, item.value))
      .map((item) => item.name),
    removed: current.filter((item) => !after.has(item.key)).map((item) => item.name),
  };
}

/**
 * The document as it would apply here: this machine's policy marks kept, and what its policy locks (sources,
 * sections, their secrets) kept as it is, whatever the document says.
 */
export function setupUnderPolicy(policy: Policy | null, current: Settings, setup: Setup): Setup {
  const settings: Settings = { ...setup.settings, policy: current.policy };
  if (!policy) return { ...setup, settings };
  const lockedSecret = (key: string) =>
    isBrokerSecret(key) ? policy.locks('broker') : policy.sourceLocked(key.split(':')[1] ?? '');
  const secrets =
    setup.secrets && Object.fromEntries(Object.entries(setup.secrets).filter(([key]) => !lockedSecret(key)));
  // A locked broker keeps its users and ACL too.
  const brokerFiles = policy.locks('broker') ? { acl: null, passwords: null } : setup.brokerFiles;
  return { ...setup, settings: policy.keepLocked(current, settings), secrets, brokerFiles };
}

export function previewImport(current: Settings, setup: Setup, policy: Policy | null = null): ImportPreview {
  const sources = (settings: Settings) =>
    settings.sources.map((source) => ({ key: source.id, name: `${source.name} (${source.url})`, value: source }));
  const rules = (settings: Settings) =>
    settings.rules.rules.map((rule) => ({ key: rule.name, name: rule.name, value: rule }));
  const sections = Object.keys({ ...current, ...setup.settings }).filter((key) => !ITEMIZED.has(key));
  return {
    exportedAt: setup.exportedAt,
    sources: changes(sources(current), sources(setup.settings)),
    rules: changes(rules(current), rules(setup.settings)),
    settings: sections.filter(
      (key) => !sameJson(current[key as keyof Settings], setup.settings[key as keyof Settings]),
    ),
    secrets: setup.secrets ? Object.keys(setup.secrets).length : 0,
    brokerFiles: [
      ...(setup.brokerFiles.acl !== null ? (['acl'] as const) : []),
      ...(setup.brokerFiles.passwords !== null ? (['users'] as const) : []),
    ],
    ...(policy ? { locked: policy.lockedNames(current) } : {}),
  };
}

/** Secret store writes: the document's secrets, and forgetting those of sources the import removes. */
export function secretWrites(current: Settings, setup: Setup): [key: string, value: string | undefined][] {
  const kept = new Set(setup.settings.sources.map((source) => source.id));
  const forget = current.sources
    .filter((source) => !kept.has(source.id))
    .flatMap((source) =>
      SECRET_FIELDS.map((field) => [sourceSecretKey(source.id, field), undefined] as [string, undefined]),
    );
  return [...forget, ...Object.entries(setup.secrets ?? {})];
}

function isBrokerSecret(key: string): boolean {
  return (BROKER_SECRET_KEYS as readonly string[]).includes(key);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
