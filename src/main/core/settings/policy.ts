// The administrator's policy (docs/policy.md): a JSON file in the system's location that predefines sources,
// rules and settings and can lock them. Applied at every start on top of the user's settings: a locked item is
// put back as the policy says, an unlocked one is given once (the user may change or remove it after). While
// Herald runs, every save of the settings goes through refuseChanges, so no command, page or import can change
// what is locked. A policy that is not valid is reported and ignored as a whole, never half-applied.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues, HeraldError } from '../../../shared/contract.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { PolicyLock, type PolicyView } from '../../../shared/policy.ts';
import { RulesDocument } from '../../../shared/rules/schema.ts';
import { everyKindWithStrict } from '../../../shared/sources/kinds.ts';
import { secretInputs } from '../../../shared/sources/secrets.ts';
import { Settings, StoredSource } from './schema.ts';
import { BRIDGE_PASSWORD_KEY, BROKER_PASSWORD_KEY, sourceSecretKey, splitSecrets } from './types.ts';

export const POLICY_FILE_ENV = 'HERALD_POLICY';

/** Where the policy file is looked for: HERALD_POLICY, else the system's place for it. */
export function policyFileLocation(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env[POLICY_FILE_ENV]) return env[POLICY_FILE_ENV];
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'Herald', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Herald/policy.json';
  return '/etc/herald/policy.json';
}

const PolicySource = everyKindWithStrict({
  ...secretInputs,
  id: z.string().min(1),
  /** Put back as written here at every start; cannot be edited or removed. */
  locked: z.boolean().default(false),
});

const SettingsShape = Settings.shape;

export const PolicyDocument = z
  .object({
    version: z.literal(1),
    sources: z.array(PolicySource).default([]),
    rules: RulesDocument.optional(),
    settings: z
      .object({
        notifications: z
          .object({ burstWindowMs: z.number().int().min(0).max(60_000) })
          .partial()
          .strict(),
        inbox: SettingsShape.inbox.unwrap().partial().strict(),
        // The broker's own secrets are given here too, as a source's are: they go to the secret store.
        broker: SettingsShape.broker
          .unwrap()
          .extend({ password: z.string().min(1).max(1024), bridgePassword: z.string().min(1).max(1024) })
          .partial()
          .strict(),
        updates: SettingsShape.updates.unwrap().partial().strict(),
      })
      .partial()
      .strict()
      .default({}),
    lock: z.array(PolicyLock).default([]),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const ids = policy.sources.map((source) => source.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) ctx.addIssue({ code: 'custom', path: ['sources'], message: `source id "${twice}" twice` });
  });
export type PolicyDocument = z.output<typeof PolicyDocument>;

/** The outcome of looking for the policy: none, one in force, or one that was ignored and why. */
export type PolicyLoad = { policy: Policy } | { policy: null; warning?: string };

export function loadPolicy(file: string): PolicyLoad {
  if (!existsSync(file)) return { policy: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { policy: null, warning: ignored(file, errorMessage(err)) };
  }
  const result = PolicyDocument.safeParse(parsed);
  if (!result.success) return { policy: null, warning: ignored(file, describeIssues(result.error)) };
  return { policy: new Policy(file, result.data) };
}

function ignored(file: string, reason: string): string {
  return `The policy file ${file} is not valid and was ignored (nothing of it applies): ${reason}`;
}

type SettingsSection = 'notifications' | 'inbox' | 'broker' | 'updates';
const SECTIONS: readonly SettingsSection[] = ['notifications', 'inbox', 'broker', 'updates'];

export class Policy {
  readonly file: string;
  private readonly document: PolicyDocument;
  private readonly sources: Map<string, { config: StoredSource; secrets: Record<string, string>; locked: boolean }>;

  constructor(file: string, document: PolicyDocument) {
    this.file = file;
    this.document = document;
    this.sources = new Map(
      document.sources.map((input) => {
        const { locked, ...rest } = input;
        const { config, secrets } = splitSecrets(rest);
        const keyed = Object.entries(secrets).flatMap(([field, value]) =>
          value ? [[sourceSecretKey(input.id, field as keyof typeof secrets), value] as const] : [],
        );
        return [input.id, { config: StoredSource.parse(config), secrets: Object.fromEntries(keyed), locked }];
      }),
    );
  }

  view(): PolicyView {
    return { file: this.file, lock: [...this.document.lock] };
  }

  locks(part: PolicyLock): boolean {
    return this.document.lock.includes(part);
  }

  sourceLocked(id: string): boolean {
    return this.sources.get(id)?.locked === true;
  }

  /**
   * The settings with the policy applied: locked items as the policy says, unlocked ones added once (their
   * marks kept in settings.policy.seeded), and the secrets to store for the sources and the broker it set.
   */
  apply(settings: Settings): { settings: Settings; secrets: [key: string, value: string][] } {
    const seeded = new Set(settings.policy.seeded);
    const once = (mark: string) => !seeded.has(mark) && (seeded.add(mark), true);
    const sources = [...settings.sources];
    const secrets: [string, string][] = [];
    for (const [id, source] of this.sources) {
      const index = sources.findIndex((s) => s.id === id);
      if (source.locked) {
        if (index === -1) sources.push(source.config);
        else sources[index] = source.config;
      } else {
        // Given once; a source the user already has under that id stays theirs.
        if (!once(`source:${id}`) || index !== -1) continue;
        sources.push(source.config);
      }
      secrets.push(...Object.entries(source.secrets));
    }
    let next: Settings = { ...settings, sources };
    const given = this.document.settings;
    for (const section of SECTIONS) {
      const values = given[section];
      if (values === undefined || (!this.locks(section) && !once(`settings:${section}`))) continue;
      if (section === 'broker') {
        const { password, bridgePassword, ...broker } = given.broker!;
        if (password !== undefined) secrets.push([BROKER_PASSWORD_KEY, password]);
        if (bridgePassword !== undefined) secrets.push([BRIDGE_PASSWORD_KEY, bridgePassword]);
        next = { ...next, broker: { ...next.broker, ...broker } };
        continue;
      }
      next = { ...next, [section]: { ...next[section], ...values } };
    }
    if (this.document.rules && (this.locks('rules') || once('rules'))) next = { ...next, rules: this.document.rules };
    next = { ...next, policy: { seeded: [...seeded] } };
    return { settings: Settings.parse(next), secrets };
  }

  /** The one refusal of anything the policy locks, naming the policy file. */
  refusal(what: string, outcome = 'it cannot be changed here'): HeraldError {
    return new HeraldError('conflict', `your administrator's policy (${this.file}) locks ${what}: ${outcome}`);
  }

  /** Throws (conflict, naming the policy file) when `next` changes anything the policy locks. */
  refuseChanges(current: Settings, next: Settings): void {
    const refuse = (what: string): never => {
      throw this.refusal(what);
    };
    for (const [id, source] of this.sources) {
      if (!source.locked) continue;
      const after = next.sources.find((s) => s.id === id);
      if (
        !same(
          after,
          current.sources.find((s) => s.id === id),
        )
      )
        refuse(`source "${source.config.name}"`);
    }
    if (this.locks('sources') && !same(ids(next), ids(current))) refuse('the list of sources');
    if (this.locks('rules') && !same(next.rules, current.rules)) refuse('the rules');
    if (this.locks('notifications') && next.notifications.burstWindowMs !== current.notifications.burstWindowMs) {
      refuse('the notification settings');
    }
    if (this.locks('inbox') && !same(next.inbox, current.inbox)) refuse('the inbox settings');
    if (this.locks('broker') && !same(next.broker, current.broker)) refuse('the embedded broker');
    if (this.locks('updates') && !same(next.updates, current.updates)) refuse('the update settings');
  }

  /** `next` with everything locked kept as in `current`: what an imported setup becomes. */
  keepLocked(current: Settings, next: Settings): Settings {
    const locked = (source: StoredSource) => this.sourceLocked(source.id);
    let sources = next.sources.filter((s) => !locked(s));
    if (this.locks('sources')) {
      const before = new Set(ids(current));
      sources = sources.filter((s) => before.has(s.id));
      const present = new Set(sources.map((s) => s.id));
      sources.push(...current.sources.filter((s) => !locked(s) && !present.has(s.id)));
    }
    sources.push(...current.sources.filter(locked));
    const order = new Map(current.sources.map((s, i) => [s.id, i]));
    const position = (s: StoredSource) => order.get(s.id) ?? current.sources.length;
    sources.sort((a, b) => position(a) - position(b));
    const kept: Settings = { ...next, sources, policy: current.policy };
    if (this.locks('rules')) kept.rules = current.rules;
    if (this.locks('notifications')) {
      kept.notifications = { ...kept.notifications, burstWindowMs: current.notifications.burstWindowMs };
    }
    if (this.locks('inbox')) kept.inbox = current.inbox;
    if (this.locks('broker')) kept.broker = current.broker;
    if (this.locks('updates')) kept.updates = current.updates;
    return kept;
  }

  /** What keepLocked kept, by name, for an import's preview. */
  lockedNames(current: Settings): string[] {
    const names = current.sources.filter((s) => this.sourceLocked(s.id)).map((s) => `source ${s.name}`);
    return [...names, ...this.document.lock.map((part) => (part === 'sources' ? 'the list of sources' : part))];
  }
}

function ids(settings: Settings): string[] {
  return settings.sources.map((s) => s.id).sort();
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
