// What a Gotify client missed while it was away. `GET /message?since=X` pages *backwards* (ids below X,
// newest first), so catching up means paging from the newest message down to the last one we stored and
// then turning the result around (Gotify Android's MissedMessageUtil does the same).
import type { GotifyApi } from './gotify-api.ts';
import { parseGotifyMessage, type GotifyMessage } from './gotify-message.ts';

export const PAGE_SIZE = 100;
/** Pages followed at most: a server whose paging never ends cannot keep us here forever. */
const MAX_PAGES = 10_000;

export interface MissedMessages {
  /** Oldest first. */
  messages: GotifyMessage[];
  /** Entries that were not messages, and messages beyond `keepAtMost` (the oldest ones). */
  dropped: number;
}

/** Messages with an id above `after`, oldest first; keeps the newest `keepAtMost` and counts the rest. */
export async function fetchMissed(
  api: GotifyApi,
  after: number,
  keepAtMost: number,
  signal: AbortSignal,
): Promise<MissedMessages> {
  const newestFirst: GotifyMessage[] = [];
  let dropped = 0;
  let since: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { paging, messages } = await api.messages(PAGE_SIZE, since, signal);
    let reachedSeen = false;
    for (const raw of messages) {
      const message = parseGotifyMessage(raw);
      if (message === null) {
        dropped++;
        continue;
      }
      if (message.id <= after) {
        reachedSeen = true;
        break;
      }
      if (newestFirst.length < keepAtMost) newestFirst.push(message);
      else dropped++;
    }
    const next = paging.since;
    // paging.since is 0 (and next absent) on the last page; it must go down, or the server is confused.
    if (reachedSeen || messages.length === 0 || !next || (since !== undefined && next >= since)) break;
    since = next;
  }
  return { messages: newestFirst.reverse(), dropped };
}

/** The newest message id on the server, 0 when it has none: where a new source starts. */
export async function newestId(api: GotifyApi, signal: AbortSignal): Promise<number> {
  const { messages } = await api.messages(1, undefined, signal);
  const newest = messages.length ? parseGotifyMessage(messages[0]) : null;
  return newest?.id ?? 0;
}
