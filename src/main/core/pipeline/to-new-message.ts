// The decode and rules stages: what a source handed over becomes what the store writes. The envelope passes
// through untouched; the content is decoded from the raw payload (or taken from the fields a push server
// separated); then the rules decide what the message deserves, and the decision travels with it to the store.
import type { SourceKind } from '../../../shared/sources.ts';
import { decode, type DecodeOptions } from '../decode/decode.ts';
import { decodeFields } from '../decode/decode-fields.ts';
import type { IncomingMessage, NewMessage } from '../messages.ts';
import { defaultDecision, type Decision, type RuleSubject } from '../rules/decision.ts';

/** The rules stage as the pipeline sees it (RulesEngine implements it). */
export interface RulesStage {
  decide(subject: RuleSubject, now: number): Decision;
}

export interface NewMessageOptions extends DecodeOptions {
  /** No rules: the default decision (notify from normal priority up). */
  rules?: RulesStage | null;
  sourceKind?: SourceKind;
  /** The clock the rules read (quiet hours, snoozes, windows). Default: the message's receivedAt. */
  now?: number;
}

const NO_PAYLOAD = new Uint8Array(0);

export function toNewMessage(message: IncomingMessage, options: NewMessageOptions): NewMessage {
  const { payload, fields, ...envelope } = message;
  const decoded = fields ? decodeFields(fields, options) : decode(payload ?? NO_PAYLOAD, options);
  const decision = options.rules
    ? options.rules.decide(
        {
          sourceId: envelope.sourceId,
          sourceName: envelope.sourceName,
          sourceKind: options.sourceKind ?? 'mqtt',
          topic: envelope.topic,
          title: decoded.title,
          body: decoded.body,
          bodyKind: decoded.bodyKind,
          priority: decoded.priority,
          receivedAt: envelope.receivedAt,
        },
        options.now ?? envelope.receivedAt,
      )
    : defaultDecision(decoded.priority);
  return { ...envelope, ...decoded, priority: decision.priority, decision };
}
