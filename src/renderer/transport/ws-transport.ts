// Browser / headless mode: the contract over one WebSocket to the headless server's bridge. The socket can
// drop (server restart, laptop sleep, network change); we reconnect with backoff, fail whatever was in flight
// with a readable error, and tell the UI so it can show a banner and refetch once we are back.
import type { Transport } from '../../shared/client.ts';
import type { Reply } from '../../shared/contract.ts';
import type { BridgeRequestFrame } from '../../shared/bridge-protocol.ts';
import type { Link, LinkStatus } from './connection.ts';

export interface WsTransportOptions {
  /** Full ws(s):// URL including the token. */
  url: string;
  /** First retry delay; doubles per failed attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  /** After this many failed attempts without ever connecting, suspect the token (the browser hides the 401). */
  suspectTokenAfter?: number;
}

export interface WsTransport extends Transport, Link {
  /** Skip the backoff wait and try now (the banner's "Retry now" button, the browser coming back online). */
  retryNow(): void;
  close(): void;
}

interface Pending {
  resolve(reply: Reply): void;
  timer: ReturnType<typeof setTimeout>;
  /** Set while the request waits for the socket to open. */
  unsentFrame?: string;
}

const failure = (message: string): Reply => ({ ok: false, error: { code: 'internal', message } });

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const suspectTokenAfter = options.suspectTokenAfter ?? 3;

  const listeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<() => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failedAttempts = 0;
  let everOpened = false;
  let closed = false;
  let status: LinkStatus = { state: 'connecting', epoch: 0 };

  function setStatus(next: LinkStatus) {
    status = next;
    for (const listener of statusListeners) listener();
  }

  function settle(id: number, reply: Reply) {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(reply);
  }

  function failAll(message: string) {
    for (const id of [...pending.keys()]) settle(id, failure(message));
  }

  function connect() {
    retryTimer = null;
    if (closed) return;
    const ws = new WebSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      failedAttempts = 0;
      everOpened = true;
      setStatus({ state: 'open', epoch: status.epoch + 1 });
      for (const entry of pending.values()) {
        if (entry.unsentFrame === undefined) continue;
        ws.send(entry.unsentFrame);
        entry.unsentFrame = undefined;
      }
    };
    ws.onmessage = (message) => onFrame(message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll('The connection to Herald was lost before it replied; try again once it is back.');
      if (closed) return;
      failedAttempts++;
      const problem =
        !everOpened && failedAttempts >= suspectTokenAfter
          ? 'Herald refused the connection or is not running. If it was restarted, open the new link it printed (…/?token=…).'
          : undefined;
      setStatus({ state: 'reconnecting', epoch: status.epoch, problem });
      const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** (failedAttempts - 1));
      // Jitter so several open tabs do not hammer a restarting server in lockstep.
      retryTimer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
    };
  }

  function onFrame(data: unknown) {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    const f = frame as Record<string, unknown>;
    if (f.type === 'reply' && typeof f.id === 'number' && f.reply && typeof f.reply === 'object') {
      settle(f.id, f.reply as Reply);
    } else if (f.type === 'event' && typeof f.event === 'string') {
      for (const listener of listeners) listener(f.event, f.payload);
    }
  }

  function onOnline() {
    if (!socket && !closed) retryNow();
  }

  function retryNow() {
    if (socket || closed) return;
    if (retryTimer) clearTimeout(retryTimer);
    connect();
  }

  addEventListener('online', onOnline);
  connect();

  return {
    invoke(channel, payload) {
      const ws = socket;
      if (!ws) return Promise.resolve(failure('Not connected to Herald; reconnecting…'));
      const id = nextId++;
      const frame: BridgeRequestFrame = { type: 'request', id, channel, payload };
      const text = JSON.stringify(frame);
      return new Promise<Reply>((resolve) => {
        const timer = setTimeout(
          () => settle(id, failure(`Herald did not reply to ${channel} within ${requestTimeoutMs / 1000} s.`)),
          requestTimeoutMs,
        );
        const isOpen = ws.readyState === WebSocket.OPEN;
        pending.set(id, { resolve, timer, unsentFrame: isOpen ? undefined : text });
        if (isOpen) ws.send(text);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getStatus: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    retryNow,
    close() {
      closed = true;
      removeEventListener('online', onOnline);
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
      socket = null;
      failAll('The connection to Herald was closed.');
    },
  };
}
