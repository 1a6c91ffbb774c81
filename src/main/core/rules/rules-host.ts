// The rules as the core runs them: the document from the settings, the engine built from it (with the state
// its `for`/`limit`/`changed` conditions keep across restarts), and every change a person makes (set, mute,
// snooze) validated as a whole before anything is saved. Temporary rules (snoozes) are removed when they end.
import { checkRulesDocument, type Rule, type RuleProblem, type RulesDocument } from '../../../shared/rules/schema.ts';
import { logger } from '../logging/logger.ts';
import type { StateEntry } from '../store/message-store.ts';
import { RulesEngine, type RulesState } from './engine.ts';

const log = logger('rules');
export const RULES_STATE_KEY = 'rules';
/** The rules' state is saved with a batch at most this often (and at stop), not with every batch. */
const STATE_SAVE_INTERVAL_MS = 1000;

export interface RulesHostOptions {
  load: () => RulesDocument;
  save: (document: RulesDocument) => void;
  /** The state saved with the last batches, if any. */
  savedState: () => string | undefined;
  minPriority?: (sourceId: string) => number;
  timeZone?: string;
  now?: () => number;
  /** The rules changed (for the UI). */
  onChange?: () => void;
}

/** The rules in force after a change, or why the change was refused (problems; then nothing was saved). */
export interface RulesReply {
  document: RulesDocument;
  problems: RuleProblem[];
}

export class RulesHost {
  private readonly options: RulesHostOptions;
  private readonly now: () => number;
  private document: RulesDocument;
  private current: RulesEngine | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private lastStateSave = 0;

  constructor(options: RulesHostOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.document = options.load();
    this.rebuild(parseState(options.savedState()));
  }

  /** The engine to decide with. */
  engine(): RulesEngine | null {
    return this.current;
  }

  get rules(): RulesDocument {
    return this.document;
  }

  dropped(): Record<string, number> {
    return this.current?.dropped() ?? {};
  }

  /** Replaces the whole document, if it validates. */
  set(input: unknown): RulesReply {
    const checked = checkRulesDocument(input);
    if (!checked.ok) return { document: this.document, problems: checked.problems };
    this.apply(checked.document);
    return { document: this.document, problems: [] };
  }

  /** A rule at the end (replacing one of the same name), e.g. a device alert. */
  add(rule: Rule): RulesReply {
    return this.set({ ...this.document, rules: [...this.withoutRule(rule.name), rule] });
  }

  /** A rule at the top that keeps a topic (of one source, or of every source) silent. */
  mute(target: { topic: string; sourceId?: string }): RulesReply {
    const rule: Rule = {
      name: `Mute ${target.topic}`,
      enabled: true,
      match: { topic: target.topic, ...(target.sourceId ? { source: target.sourceId } : {}) },
      action: 'silent',
    };
    return this.set({ ...this.document, rules: [rule, ...this.withoutRule(rule.name)] });
  }

  /** A temporary silent rule at the top for a topic and/or a source, removed when `until` has passed. */
  snooze(target: { topic?: string; sourceId?: string; sourceName?: string; until: string }): RulesReply {
    const what = target.topic ?? target.sourceName ?? target.sourceId ?? 'messages';
    const rule: Rule = {
      name: `Snooze ${what}`,
      enabled: true,
      match: {
        ...(target.topic ? { topic: target.topic } : {}),
        ...(target.sourceId ? { source: target.sourceId } : {}),
      },
      action: 'silent',
      snoozeUntil: target.until,
      temporary: true,
    };
    return this.set({ ...this.document, rules: [rule, ...this.withoutRule(rule.name)] });
  }

  /**
   * The state to save with the next batch: at most once a second, and only while some rule keeps state, so
   * the per-batch cost stays one small write.
   */
  stateToSave(force = false): readonly StateEntry[] {
    if (this.current === null || this.document.rules.length === 0) return [];
    const now = this.now();
    if (!force && now - this.lastStateSave < STATE_SAVE_INTERVAL_MS) return [];
    this.lastStateSave = now;
    return [{ key: RULES_STATE_KEY, value: JSON.stringify(this.current.exportState()) }];
  }

  /** A fresh engine with `rules`, for "what would this rule have done" (no state, nothing saved). */
  static previewEngine(rules: RulesDocument, options: { timeZone?: string } = {}): RulesEngine {
    return new RulesEngine(rules, { timeZone: options.timeZone });
  }

  stop(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private withoutRule(name: string): Rule[] {
    return this.document.rules.filter((rule) => rule.name !== name);
  }

  private apply(document: RulesDocument): void {
    this.options.save(document);
    this.document = document;
    this.rebuild(this.current?.exportState());
    this.options.onChange?.();
  }

  /** Builds the engine from the document without the temporary rules that have ended, and plans the next end. */
  private rebuild(state: RulesState | undefined): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    const now = this.now();
    const live = this.document.rules.filter((rule) => !ended(rule, now));
    if (live.length !== this.document.rules.length) {
      this.document = { ...this.document, rules: live };
      this.options.save(this.document);
    }
    // An engine even without rules: its default decision knows each source's minimum priority.
    this.current = new RulesEngine(this.document, this.engineOptions(), state);
    const nextEnd = Math.min(...live.filter((rule) => rule.temporary).map((rule) => Date.parse(rule.snoozeUntil!)));
    if (Number.isFinite(nextEnd)) {
      // Timers cap at ~24.8 days; a later end is simply checked again then.
      this.expiryTimer = setTimeout(() => this.expire(), Math.min(Math.max(0, nextEnd - now), 2 ** 31 - 1));
      this.expiryTimer.unref();
    }
  }

  private expire(): void {
    this.rebuild(this.current?.exportState());
    this.options.onChange?.();
  }

  private engineOptions() {
    return {
      ...(this.options.timeZone ? { timeZone: this.options.timeZone } : {}),
      ...(this.options.minPriority ? { minPriority: this.options.minPriority } : {}),
    };
  }
}

function ended(rule: Rule, now: number): boolean {
  return rule.temporary === true && rule.snoozeUntil !== undefined && Date.parse(rule.snoozeUntil) <= now;
}

function parseState(text: string | undefined): RulesState | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as RulesState;
  } catch (err) {
    // A damaged state only costs the running `for` episodes and limit windows; the rules themselves are intact.
    log.warn('the saved rules state could not be read; starting afresh', err);
    return undefined;
  }
}
