// A command-line client of a running Herald's bridge: the same WebSocket and contract the browser UI uses,
// with the token from the discovery file.
import { WebSocket } from 'ws';
import { BRIDGE_PATH } from '../../shared/bridge-protocol.ts';
import type { CommandName, CommandRequest, CommandResponse, Reply } from '../../shared/contract.ts';
import { frameBytes } from '../core/ws-frames.ts';
import type { Discovery } from './discovery.ts';

/** The bridge could not be reached (a stale discovery file, a Herald stopping): connect by other means. */
export class BridgeUnavailable extends Error {}

/** The running Herald refused the command; its message is the reason. */
export class BridgeRefused extends Error {}

export interface BridgeClient {
  request<C extends CommandName>(channel: C, payload: CommandRequest<C>): Promise<CommandResponse<C>>;
  close(): void;
}

export async function connectBridge(discovery: Discovery, timeoutMs = 5_000): Promise<BridgeClient> {
  const url = new URL(BRIDGE_PATH, discovery.url.replace(/^http/, 'ws'));
  url.searchParams.set('token', discovery.token);
  const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', (err) => reject(new BridgeUnavailable(`the running Herald did not answer: ${err.message}`)));
  });
  const waiting = new Map<number, (reply: Reply) => void>();
  let nextId = 1;
  socket.on('message', (data) => {
    let frame: { type?: string; id?: number; reply?: Reply };
    try {
      frame = JSON.parse(frameBytes(data).toString('utf8')) as typeof frame;
    } catch {
      return;
    }
    if (frame.type === 'reply' && frame.id !== undefined && frame.reply) waiting.get(frame.id)?.(frame.reply);
  });
  const closed = new Promise<Reply>((resolve) =>
    socket.once('close', () =>
      resolve({ ok: false, error: { code: 'internal', message: 'the running Herald closed the connection' } }),
    ),
  );
  return {
    async request(channel, payload) {
      const id = nextId++;
      const answered = new Promise<Reply>((resolve) => waiting.set(id, resolve));
      socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
      const reply = await Promise.race([answered, closed]);
      waiting.delete(id);
      if (!reply.ok) throw new BridgeRefused(reply.error.message);
      return reply.value as CommandResponse<typeof channel>;
    },
    close: () => socket.close(),
  };
}
