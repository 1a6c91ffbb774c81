// Frames of the WebSocket bridge (browser / headless mode). Requests carry an id that the reply echoes.
import { z } from 'zod';

export const BridgeRequestFrame = z.object({
  type: z.literal('request'),
  id: z.number().int(),
  channel: z.string(),
  payload: z.unknown(),
});
export type BridgeRequestFrame = z.infer<typeof BridgeRequestFrame>;

export type BridgeFrame =
  | { type: 'reply'; id: number; reply: import('./contract.ts').Reply }
  | { type: 'event'; event: string; payload: unknown };

/** Path of the bridge WebSocket on the headless server; the token goes in the query string. */
export const BRIDGE_PATH = '/bridge';
