// The inbox's read state, pins, deletion, topic counts and retention commands. "Mark all read" for a filter walks
// the matching messages newest first in bounded steps (each one short transaction), yielding between them, so a
// filter that matches most of a million messages never holds up ingest or other commands.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import type { PurgeProgress, RetentionRule } from '../../../shared/retention.ts';
import type { ReadChange } from '../notify/inbox-events.ts';
import type { Settings } from '../settings/schema.ts';
import { hasFilters } from '../store/list-query.ts';
import type { InboxWrites } from '../store/inbox-writes.ts';
import type { ListFilters, MessageStore } from '../store/message-store.ts';
import { deletesEverything } from '../store/retention-runner.ts';

/** How many matching messages one step of a filtered "mark all read" looks at. */
export const MARK_STEP = 250;

export interface InboxHandlerDeps {
  /** Reads (a connection of their own). */
  store: MessageStore;
  /** Writes (the writer worker in the core). */
  writes: InboxWrites;
  readChanged: (change: ReadChange) => void;
  /** Messages deleted by the user, for the UIs' lists. */
  removed: (ids: number[]) => void;
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  retention: { run(): Promise<void>; progress(): PurgeProgress | null };
}

type InboxCommands =
  | 'inbox.markAllRead'
  | 'inbox.markUnread'
  | 'inbox.pin'
  | 'inbox.delete'
  | 'inbox.topics'
  | 'inbox.values'
  | 'inbox.getRetention'
  | 'inbox.setRetention';

export function createInboxHandlers(deps: InboxHandlerDeps): Pick<Handlers, InboxCommands> {
  const { store, writes } = deps;

  const markMatchingRead = async (filters: ListFilters): Promise<number> => {
    let marked = 0;
    // What arrives meanwhile has higher ids: it stays unread.
    let before: number | null = store.newestId() + 1;
    while (before !== null) {
      const step = await writes.markReadStep(filters, before, MARK_STEP);
      if (step.marked.length > 0) {
        marked += step.marked.length;
        deps.readChanged({ readIds: step.marked });
      }
      before = step.next;
      if (before !== null) await nextTurn();
    }
    return marked;
  };

  return {
    'inbox.markAllRead': async (request) => {
      const filters = request.filters ?? {};
      let marked: number;
      if (hasFilters(filters)) {
        marked = await markMatchingRead(filters);
      } else {
        marked = await writes.markAllRead();
        if (marked > 0) deps.readChanged({ allRead: true });
      }
      return { unread: writes.counts().unread, marked };
    },
    'inbox.markUnread': async (request) => {
      const changed = await writes.markUnread(request.ids);
      if (changed.length) deps.readChanged({ unreadIds: changed });
      return { unread: writes.counts().unread };
    },
    'inbox.pin': async (request) => ({ ids: await writes.pin(request.ids, request.pinned) }),
    'inbox.delete': async (request) => {
      const deleted = await writes.delete(request.ids);
      if (deleted.length) deps.removed(deleted);
      return { deleted, ...writes.counts() };
    },
    'inbox.topics': () => ({ topics: store.topicCounts() }),
    'inbox.values': (request) => store.values(request),
    'inbox.getRetention': () => ({
      rules: deps.settings().inbox.retention,
      purge: deps.retention.progress(),
    }),
    'inbox.setRetention': async (request) => {
      if (request.confirm !== true) await refuseDeletingEverything(store, request.rules);
      const settings = deps.settings();
      deps.saveSettings({ ...settings, inbox: { ...settings.inbox, retention: request.rules } });
      void deps.retention.run();
      return { rules: request.rules };
    },
  };
}

async function refuseDeletingEverything(store: MessageStore, rules: readonly RetentionRule[]): Promise<void> {
  const now = Date.now();
  for (const [index, rule] of rules.entries()) {
    const count = await deletesEverything(store, rule, now, () => nextTurn());
    if (count !== null) {
      throw new HeraldError(
        'conflict',
        `retention rule ${index + 1} would delete all ${count.toLocaleString('en-US')} messages it applies to ` +
          '(pinned ones are kept); confirm to apply it',
      );
    }
  }
}
