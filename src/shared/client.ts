// The renderer's view of main: a typed client over any transport. The renderer never knows whether it talks
// through Electron IPC or the WebSocket bridge. Like main, it trusts nothing it receives: every reply and
// every pushed event is checked against the contract's schemas before the UI sees it.
import {
  commands,
  describeIssues,
  events,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EventName,
  type EventPayload,
  type Reply,
} from './contract.ts';

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

export interface ClientOptions {
  /** Where a pushed event that does not match its schema is reported (it is not delivered). Default: console.error. */
  onInvalidEvent?: (message: string) => void;
}

export function createClient(transport: Transport, options: ClientOptions = {}): HeraldClient {
  const onInvalidEvent = options.onInvalidEvent ?? ((message: string) => console.error(`herald: ${message}`));
  return {
    async invoke<C extends CommandName>(channel: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
      const reply = await transport.invoke(channel, request);
      if (!reply.ok) throw new CommandFailed(reply.error.code, reply.error.message);
      const checked = commands[channel].response.safeParse(reply.value);
      if (!checked.success) {
        throw new CommandFailed(
          'invalid_reply',
          `${channel}: main sent a reply that does not match the contract: ${describeIssues(checked.error)}`,
        );
      }
      return checked.data as CommandResponse<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.subscribe((name, payload) => {
        if (name !== event) return;
        const checked = events[event].safeParse(payload);
        if (checked.success) listener(checked.data as EventPayload<E>);
        else
          onInvalidEvent(
            `${event}: main sent an event that does not match the contract: ${describeIssues(checked.error)}`,
          );
      });
    },
  };
}
