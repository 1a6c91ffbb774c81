// Inbox messages for store tests, made the way the pipeline makes them: an envelope and a payload (or the
// fields a push server separated) through the real decode stage.
import type { MessageSummary } from '../../src/shared/model.ts';
import type { MessageEnvelope, NewMessage, PushFields } from '../../src/main/core/messages.ts';
import { toNewMessage } from '../../src/main/core/pipeline/to-new-message.ts';
import type { MessageStore } from '../../src/main/core/store/message-store.ts';

const encoder = new TextEncoder();

export function newMessage(
  content: string | Uint8Array | PushFields,
  envelope: Partial<MessageEnvelope> = {},
  maxBytes = 4096,
): NewMessage {
  const base = {
    sourceId: 'src-1',
    sourceName: 'Home broker',
    topic: 'home/door',
    receivedAt: Date.now(),
    ...envelope,
  };
  if (typeof content === 'string') return toNewMessage({ ...base, payload: encoder.encode(content) }, { maxBytes });
  if (content instanceof Uint8Array) return toNewMessage({ ...base, payload: content }, { maxBytes });
  return toNewMessage({ ...base, fields: content }, { maxBytes });
}

/** Applies one batch and returns the summaries it stored, in order (duplicates left out). */
export function insert(store: MessageStore, messages: readonly NewMessage[]): MessageSummary[] {
  return store.applyBatch(messages).results.filter((summary) => summary !== null);
}
