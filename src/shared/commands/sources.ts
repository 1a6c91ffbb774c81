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
  /** Reconnect now and catch up: one source, or all (the same path as the OS waking up). */
  'sources.reconnect': { request: z.object({ id: z.string().min(1).optional() }).strict(), response: z.object({}) },
} as const;
