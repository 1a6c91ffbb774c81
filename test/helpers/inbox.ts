// Inbox messages for store tests, made the way the pipeline makes them: an envelope and a payload (or the
// fields a push server separated) through the real decode stage.
import type { MessageSummary } from '../../src/shared/model.ts';
import type { MessageEnvelope, NewMessage, PushFields } from '../../src/main/core/messages.ts';
import { toNewMessage } from '../../src/main/core/pipeline/to-new-message.ts';
import type { Decision } from '../../src/main/core/rules/decision.ts';
import type { MessageStore } from '../../src/main/core/store/message-store.ts';

const encoder = new TextEncoder();

/** `decision` overrides parts of the default decision (what the rules stage would have decided). */
export function newMessage(
  content: string | Uint8Array | PushFields,
  envelope: Partial<MessageEnvelope> = {},
  maxBytes = 4096,
  decision?: Partial<Decision>,
): NewMessage {
  const base = {
    sourceId: 'src-1',
    sourceName: 'Home broker',
    topic: 'home/door',
    receivedAt: Date.now(),
    ...envelope,
  };
  const message =
    typeof content === 'string'
      ? toNewMessage({ ...base, payload: encoder.encode(content) }, { maxBytes })
      : content instanceof Uint8Array
        ? toNewMessage({ ...base, payload: content }, { maxBytes })
        : toNewMessage({ ...base, fields: content }, { maxBytes });
  return decision ? { ...message, decision: { ...message.decision, ...decision } } : message;
}

/** Applies one batch and returns the summaries it stored, in order (duplicates left out). */
export function insert(store: MessageStore, messages: readonly NewMessage[]): MessageSummary[] {
  return store.applyBatch(messages).results.filter((summary) => summary !== null);
}
