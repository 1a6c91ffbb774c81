// Commands of the Sources page: the configured sources and reconnecting them.
import { z } from 'zod';
import { SourceView } from '../model.ts';
import { SourceInput, SourceUpdate } from '../sources.ts';
import { Empty } from './common.ts';

export const sourceCommands = {
  'sources.list': { request: Empty, response: z.array(SourceView) },
  'sources.add': { request: SourceInput, response: SourceView },
  'sources.update': { request: SourceUpdate, response: SourceView },
  'sources.remove': { request: z.object({ id: z.string().min(1) }).strict(), response: z.object({}) },
  /** A copy of a saved source (secrets too), named "… (copy)", off until the user has changed what must differ. */
  'sources.duplicate': { request: z.object({ id: z.string().min(1) }).strict(), response: SourceView },
  /** The saved sources in a new order (every saved id once); returns them all in that order. */
  'sources.reorder': {
    request: z.object({ ids: z.array(z.string().min(1)).max(1000) }).strict(),
    response: z.array(SourceView),
  },
  /** Reconnect now and catch up: one source, or all (the same path as the OS waking up). */
  'sources.reconnect': { request: z.object({ id: z.string().min(1).optional() }).strict(), response: z.object({}) },
} as const;
