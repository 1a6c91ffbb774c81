// The inbox list with a search or filters: pushed messages are not prepended blindly (only the server knows
// which match), a refresh is asked for instead; the server's notice is kept; the request contract takes the
// new optional fields and refuses a bad topic filter with a clear message.
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/shared/contract.ts';
import type { MessageSummary } from '../../../src/shared/model.ts';
import { hasFilters, inboxReducer, initialInboxState } from '../../../src/renderer/inbox/inbox-state.ts';
import { summary } from '../helpers/summaries.ts';

const message = summary;
const pushed = (added: MessageSummary[]) => ({
  type: 'changed' as const,
  change: { added, addedCount: added.length, unread: 0, total: 0 },
});

describe('inbox state with a search', () => {
  it('refreshes instead of prepending pushed messages, and keeps the notice', () => {
    let state = inboxReducer(initialInboxState(), {
      type: 'reset',
      query: 1,
      unreadOnly: false,
      filters: { search: 'x' },
    });
    state = inboxReducer(state, {
      type: 'firstPage',
      query: 1,
      page: { items: [message(5)], nextBefore: null, notice: 'short words' },
    });
    expect(state.notice).toBe('short words');
    state = inboxReducer(state, pushed([message(6)]));
    expect(state.items.map((m) => m.id)).toEqual([5]);
    expect(state.needsRefresh).toBe(true);
  });

  it('prepends as before without filters', () => {
    let state = inboxReducer(initialInboxState(), { type: 'reset', query: 1, unreadOnly: false });
    state = inboxReducer(state, { type: 'firstPage', query: 1, page: { items: [message(5)], nextBefore: null } });
    state = inboxReducer(state, pushed([message(6)]));
    expect(state.items.map((m) => m.id)).toEqual([6, 5]);
    expect(state.needsRefresh).toBe(false);
    expect(state.notice).toBeNull();
  });

  it('counts only filters that are set', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ search: '', sourceId: undefined })).toBe(false);
    expect(hasFilters({ topic: 'a/#' })).toBe(true);
  });
});

describe('inbox.list request', () => {
  const request = commands['inbox.list'].request;

  it('takes the search and filters, all optional', () => {
    expect(request.parse({})).toEqual({ limit: 100 });
    const full = { search: '"a', sourceId: 's', topic: 'a/+/b', minPriority: 4, since: 1, until: 2, unreadOnly: true };
    expect(request.parse(full)).toEqual({ ...full, limit: 100 });
  });

  it('refuses a topic filter MQTT would refuse', () => {
    const result = request.safeParse({ topic: 'a/#/b' });
    expect(result.success).toBe(false);
  });
});
