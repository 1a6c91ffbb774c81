// Decides which OS notifications to show for newly stored messages. Messages from one source that arrive
// within a short window become one summary ("12 new messages from Kitchen") instead of a storm of popups.
import type { MessageSummary, NotificationRequest } from '../../../shared/model.ts';

export interface NotifyPlannerOptions {
  windowMs: () => number;
  paused: () => boolean;
  show: (notification: NotificationRequest) => void;
}

interface PendingBurst {
  sourceName: string;
  messages: MessageSummary[];
  count: number;
  timer: NodeJS.Timeout;
}

/** Titles listed in a summary's body; the rest is only counted. */
const SUMMARY_TITLES = 3;

export class NotifyPlanner {
  private readonly options: NotifyPlannerOptions;
  private readonly pending = new Map<string, PendingBurst>();

  constructor(options: NotifyPlannerOptions) {
    this.options = options;
  }

  /** Messages just committed to the inbox, oldest first. */
  add(messages: MessageSummary[]): void {
    if (this.options.paused()) return;
    for (const message of messages) {
      let burst = this.pending.get(message.sourceId);
      if (!burst) {
        const sourceId = message.sourceId;
        burst = {
          sourceName: message.sourceName,
          messages: [],
          count: 0,
          timer: setTimeout(() => this.flush(sourceId), this.options.windowMs()),
        };
        this.pending.set(sourceId, burst);
      }
      burst.count++;
      // Keep only what a summary can show; a 100k burst must not hold 100k summaries.
      burst.messages.push(message);
      if (burst.messages.length > SUMMARY_TITLES + 1) burst.messages.shift();
    }
  }

  stop(): void {
    for (const burst of this.pending.values()) clearTimeout(burst.timer);
    this.pending.clear();
  }

  private flush(sourceId: string): void {
    const burst = this.pending.get(sourceId);
    this.pending.delete(sourceId);
    if (!burst || this.options.paused()) return;
    const latest = burst.messages.at(-1);
    if (latest === undefined) return;
    if (burst.count === 1) {
      this.options.show({
        title: latest.title,
        body: latest.preview,
        priority: latest.priority,
        messageId: latest.id,
        sourceId,
        count: 1,
      });
      return;
    }
    const shown = burst.messages.slice(-SUMMARY_TITLES).reverse();
    this.options.show({
      title: `${burst.count} new messages from ${burst.sourceName}`,
      body: shown.map((m) => m.title).join('\n') + (burst.count > shown.length ? '\n…' : ''),
      priority: Math.max(...burst.messages.map((m) => m.priority)),
      sourceId,
      count: burst.count,
    });
  }
}
