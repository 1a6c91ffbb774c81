// Commands of the Publish page: send, the history of recent publishes, topic completion and saved buttons.
import { z } from 'zod';
import { PublishHistoryEntry, PublishRequest, PublishResult, SavedButton } from '../publish.ts';
import { Empty } from './common.ts';

const ButtonId = z.object({ id: z.string().min(1) }).strict();

export const publishCommands = {
  /** Publishes now, queues while the source is offline, or refuses with the reason. */
  'publish.send': { request: PublishRequest, response: PublishResult },
  /** The last publishes, newest first; kept across restarts. */
  'publish.history': { request: Empty, response: z.object({ entries: z.array(PublishHistoryEntry) }) },
  /** Topics seen recently (messages received and publishes), most recent first, for completion. */
  'publish.topics': {
    request: z
      .object({
        sourceId: z.string().min(1).optional(),
        prefix: z.string().max(65_535).default(''),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.object({ topics: z.array(z.string()) }),
  },
  'publish.buttons.list': { request: Empty, response: z.object({ buttons: z.array(SavedButton) }) },
  /** Adds a button (no id) or replaces the one with that id. */
  'publish.buttons.save': {
    request: SavedButton.extend({ id: z.string().min(1).max(64).optional() }),
    response: SavedButton,
  },
  'publish.buttons.remove': { request: ButtonId, response: Empty },
  /** Publishes a button's template, expanded; `input` fills {{input}} and is required when the template has it. */
  'publish.buttons.press': {
    request: ButtonId.extend({
      input: z
        .string()
        .max(1024 * 1024)
        .optional(),
    }).strict(),
    response: PublishResult.extend({ topic: z.string(), payload: z.string() }),
  },
} as const;
