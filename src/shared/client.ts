// The renderer's view of main: a typed client over any transport. The renderer never knows whether it talks
// through Electron IPC or the WebSocket bridge.
import type { CommandName, CommandRequest, CommandResponse, EventName, EventPayload, Reply } from './contract.ts';

/** What a transport must provide: request/reply and a stream of pushed events. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Reply>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export class CommandFailed extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface HeraldClient {
  invoke<C extends CommandName>(channel: C, request: CommandRequest<C>): Promise<CommandResponse<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: Transport): HeraldClient {
  return {
    async invoke(channel, request) {
      const reply = await transport.invoke(channel, request);
      if (!reply.ok) throw new CommandFailed(reply.error.code, reply.error.message);
      return reply.value as never;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
  };
}
