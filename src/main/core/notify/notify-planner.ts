// Decides which OS notifications to show for newly stored messages, from what the rules decided for each.
// - Only messages the rules said to notify are shown, at the rule's (overridden) priority; a rule's limit that
//   held some back is told in the body ("+7 more from kitchen/temp").
// - Messages from one source that arrive within a short window become one summary ("12 new messages from
//   Kitchen") instead of a storm of popups; urgent ones (priority 5) are never folded: each is shown at once.
// - After sleep, a restart or an outage the core calls catchUp(): what arrives in the next few seconds is told
//   as one "23 messages while you were away" instead of one popup per source; urgent ones still on their own.
// While paused nothing is shown (and nothing is kept to show later).
import type { NotificationRequest } from '../../../shared/model.ts';
import { mainText, type MainText } from '../i18n/main-texts.ts';
import type { CommittedMessage } from '../messages.ts';

/** A message just committed to the inbox, with what the rules decided for it. */
export type PlannedMessage = CommittedMessage;

export interface NotifyPlannerOptions {
  windowMs: () => number;
  paused: () => boolean;
  show: (notification: NotificationRequest) => void;
  /** True while messages are still on their way to the inbox: a catch-up does not end during such a pause. */
  busy?: () => boolean;
  /** The words of the notifications, in the user's language (English by default). */
  text?: () => MainText;
}

const ENGLISH = mainText('en');

/** Titles listed in a summary's body; the rest is only counted. */
const SUMMARY_TITLES = 3;
/** Topics whose held-back counts a summary keeps (each limit holds back at most one per window, so few). */
const HELD_BACK_TOPICS = 20;
/** How long catchUp() gathers before it tells what arrived, by default. */
export const CATCH_UP_WINDOW_MS = 10_000;
/**
 * A catch-up also ends when nothing has arrived for this long after its last message: a backlog comes in one
 * rush, so a pause means it is over, and a single live message then waits no longer than a burst would.
 */
export const CATCH_UP_IDLE_MS = 500;
const URGENT = 5;

interface PendingBurst {
  sourceName: string;
  /** The newest few, for the summary's titles; a 100k burst must not hold 100k summaries. */
  messages: PlannedMessage[];
  count: number;
  gather: Gathered;
  timer: NodeJS.Timeout;
}

interface CatchUp {
  /** Notifiable messages that arrived in the window, urgent ones included. */
  count: number;
  urgentCount: number;
  /** The newest few urgent titles, newest last. */
  urgentTitles: string[];
  /** The newest non-urgent message (shown as is when it is the only one); null when all were urgent. */
  lastHeld: PlannedMessage | null;
  gather: Gathered;
  timer: NodeJS.Timeout;
  /** When the window ends at the latest (ms since the epoch). */
  deadline: number;
}

/** What a summary needs from every message it covers, not only the few it lists. */
interface Gathered {
  maxPriority: number;
  /** The newest rule that asked to notify, if any did. */
  rule: string | null;
  /** Held-back counts per topic, summed. */
  heldBack: Map<string, number>;
}

export class NotifyPlanner {
  private readonly options: NotifyPlannerOptions;
  private readonly pending = new Map<string, PendingBurst>();
  private catchingUp: CatchUp | null = null;

  constructor(options: NotifyPlannerOptions) {
    this.options = options;
  }

  /** Messages just committed to the inbox with their decisions, oldest first. */
  add(items: readonly PlannedMessage[]): void {
    if (this.options.paused()) return;
    let caughtUp = false;
    for (const item of items) {
      if (!item.decision.notify) continue;
      const urgent = item.decision.priority >= URGENT;
      if (this.catchingUp) {
        this.addToCatchUp(this.catchingUp, item, urgent);
        caughtUp = true;
      }
      if (urgent) this.showOne(item);
      else if (!this.catchingUp) this.addToBurst(item);
    }
    if (caughtUp && this.catchingUp) this.scheduleCatchUpEnd(this.catchingUp, Date.now() + CATCH_UP_IDLE_MS);
  }

  /**
   * For the next windowMs (restarted by another call), notifiable messages are gathered instead of shown, then
   * told as one summary. Urgent ones are still shown on their own at once.
   */
  catchUp(windowMs: number = CATCH_UP_WINDOW_MS): void {
    const deadline = Date.now() + windowMs;
    this.catchingUp ??= {
      count: 0,
      urgentCount: 0,
      urgentTitles: [],
      lastHeld: null,
      gather: newGathered(),
      timer: setTimeout(() => {}, 0),
      deadline,
    };
    this.catchingUp.deadline = deadline;
    this.scheduleCatchUpEnd(this.catchingUp, deadline);
  }

  /** Ends the catch-up at `end`, or at its deadline if that comes first. */
  private scheduleCatchUpEnd(catchUp: CatchUp, end: number): void {
    clearTimeout(catchUp.timer);
    catchUp.timer = setTimeout(() => this.flushCatchUp(), Math.max(0, Math.min(end, catchUp.deadline) - Date.now()));
  }

  stop(): void {
    for (const burst of this.pending.values()) clearTimeout(burst.timer);
    this.pending.clear();
    if (this.catchingUp) clearTimeout(this.catchingUp.timer);
    this.catchingUp = null;
  }

  private addToBurst(item: PlannedMessage): void {
    const sourceId = item.summary.sourceId;
    let burst = this.pending.get(sourceId);
    if (!burst) {
      burst = {
        sourceName: item.summary.sourceName,
        messages: [],
        count: 0,
        gather: newGathered(),
        timer: setTimeout(() => this.flushBurst(sourceId), this.options.windowMs()),
      };
      this.pending.set(sourceId, burst);
    }
    burst.count++;
    gather(burst.gather, item);
    burst.messages.push(item);
    if (burst.messages.length > SUMMARY_TITLES + 1) burst.messages.shift();
  }

  private addToCatchUp(catchUp: CatchUp, item: PlannedMessage, urgent: boolean): void {
    catchUp.count++;
    if (urgent) {
      catchUp.urgentCount++;
      catchUp.urgentTitles.push(item.summary.title);
      if (catchUp.urgentTitles.length > SUMMARY_TITLES) catchUp.urgentTitles.shift();
      return;
    }
    gather(catchUp.gather, item);
    catchUp.lastHeld = item;
  }

  private flushBurst(sourceId: string): void {
    const burst = this.pending.get(sourceId);
    this.pending.delete(sourceId);
    if (!burst || this.options.paused()) return;
    const latest = burst.messages.at(-1);
    if (latest === undefined) return;
    if (burst.count === 1) {
      this.showOne(latest);
      return;
    }
    const shown = burst.messages.slice(-SUMMARY_TITLES).reverse();
    const lines = shown.map((m) => m.summary.title);
    if (burst.count > shown.length) lines.push('…');
    const text = this.text();
    this.options.show({
      title: text('notify.burst', { count: burst.count, source: burst.sourceName }),
      body: [...lines, ...heldBackLines(text, burst.gather)].join('\n'),
      priority: burst.gather.maxPriority,
      sourceId,
      count: burst.count,
      ...ruleField(burst.gather.rule),
    });
  }

  private flushCatchUp(): void {
    // A loaded machine can pause a backlog's commits longer than the idle time; it is not over while some wait.
    if (this.catchingUp && this.options.busy?.() && Date.now() < this.catchingUp.deadline) {
      this.scheduleCatchUpEnd(this.catchingUp, Date.now() + CATCH_UP_IDLE_MS);
      return;
    }
    const catchUp = this.catchingUp;
    this.catchingUp = null;
    // Nothing held back means every message was urgent and already shown (or none came at all).
    if (!catchUp?.lastHeld || this.options.paused()) return;
    if (catchUp.count === 1) {
      this.showOne(catchUp.lastHeld);
      return;
    }
    const text = this.text();
    let body = text('notify.away', { count: catchUp.count });
    if (catchUp.urgentCount > 0) {
      const titles = [...catchUp.urgentTitles].reverse();
      const more = catchUp.urgentCount > titles.length ? ', …' : '';
      body += text('notify.awayUrgent', { count: catchUp.urgentCount, titles: `${titles.join(', ')}${more}` });
    }
    this.options.show({
      title: 'Herald',
      body: [body, ...heldBackLines(text, catchUp.gather)].join('\n'),
      // The urgent ones were shown on their own; the summary is as loud as the rest.
      priority: catchUp.gather.maxPriority,
      // Across sources: no one source to point at (a click opens the inbox).
      sourceId: '',
      count: catchUp.count,
      ...ruleField(catchUp.gather.rule),
    });
  }

  private text(): MainText {
    return this.options.text?.() ?? ENGLISH;
  }

  private showOne({ summary, decision }: PlannedMessage): void {
    const body =
      decision.heldBack > 0
        ? joinLines(summary.preview, heldBackText(this.text(), decision.heldBack, summary.topic))
        : summary.preview;
    this.options.show({
      title: summary.title,
      body,
      priority: decision.priority,
      messageId: summary.id,
      sourceId: summary.sourceId,
      count: 1,
      ...ruleField(decision.rule),
    });
  }
}

function newGathered(): Gathered {
  return { maxPriority: 1, rule: null, heldBack: new Map() };
}

function gather(into: Gathered, { summary, decision }: PlannedMessage): void {
  into.maxPriority = Math.max(into.maxPriority, decision.priority);
  if (decision.rule !== null) into.rule = decision.rule;
  if (decision.heldBack > 0) {
    const known = into.heldBack.get(summary.topic);
    if (known !== undefined || into.heldBack.size < HELD_BACK_TOPICS) {
      into.heldBack.set(summary.topic, (known ?? 0) + decision.heldBack);
    }
  }
}

function heldBackLines(text: MainText, gathered: Gathered): string[] {
  return [...gathered.heldBack].map(([topic, n]) => heldBackText(text, n, topic));
}

export function heldBackText(text: MainText, count: number, topic: string): string {
  return text('notify.heldBack', { count, topic });
}

function joinLines(first: string, last: string): string {
  return first ? `${first}\n${last}` : last;
}

/** `rule` only when a rule decided (exactOptionalPropertyTypes: absent, not undefined). */
function ruleField(rule: string | null): { rule?: string } {
  return rule === null ? {} : { rule };
}
