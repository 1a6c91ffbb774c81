// What the UI needs to know about the link to main, whichever transport carries it. IPC is always "open";
// the WebSocket bridge can drop and come back, and the UI shows a banner meanwhile.
import type { HeraldClient } from '../../shared/client.ts';

export type LinkState =
  /** First attempt, nothing received yet. */
  | 'connecting'
  | 'open'
  /** Lost (or never got) the socket; retrying with backoff. */
  | 'reconnecting';

export interface LinkStatus {
  state: LinkState;
  /** Increments on every successful (re)connect; views refetch when it changes because events were missed. */
  epoch: number;
  /** A hint for the banner, e.g. "no access token in the address". */
  problem?: string;
}

export interface Link {
  getStatus(): LinkStatus;
  onStatus(listener: () => void): () => void;
}

export type Mode = 'ipc' | 'browser';

export interface Connection {
  mode: Mode;
  client: HeraldClient;
  link: Link;
}

/** A link that never drops (Electron IPC). */
export const alwaysOpen: Link = {
  getStatus: () => OPEN,
  onStatus: () => () => {},
};
const OPEN: LinkStatus = { state: 'open', epoch: 1 };
