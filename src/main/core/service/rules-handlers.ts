// The rules commands: read, replace, preview, and the one-click mute and snooze that the inbox and the
// sources page offer. Every change goes through RulesHost, which refuses an invalid document as a whole.
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import type { SourceKind } from '../../../shared/sources.ts';
import { previewRule, type PreviewSubject } from '../rules/preview.ts';
import type { RulesHost } from '../rules/rules-host.ts';
import type { MessageStore } from '../store/message-store.ts';

export interface RulesHandlerDeps {
  rules: RulesHost;
  store: MessageStore;
  /** A source's kind and name, or undefined when there is no such source. */
  source: (id: string) => { kind: SourceKind; name: string } | undefined;
  timeZone?: string;
}

type RulesCommands = 'rules.get' | 'rules.set' | 'rules.preview' | 'rules.mute' | 'rules.snooze';

export function createRulesHandlers(deps: RulesHandlerDeps): Pick<Handlers, RulesCommands> {
  const knownSource = (id: string | undefined) => {
    if (id === undefined) return undefined;
    const found = deps.source(id);
    if (!found) throw new HeraldError('not_found', `source ${id} not found`);
    return found;
  };
  return {
    'rules.get': () => ({ document: deps.rules.rules, dropped: deps.rules.dropped() }),
    'rules.set': (request) => deps.rules.set(request.document),
    'rules.preview': (request) => {
      const subjects: PreviewSubject[] = deps.store.recent(request.limit).map((message) => ({
        ...message,
        sourceKind: deps.source(message.sourceId)?.kind ?? 'mqtt',
      }));
      return previewRule(deps.rules.rules, request.rule, request.index, subjects, { timeZone: deps.timeZone });
    },
    'rules.mute': (request) => {
      knownSource(request.sourceId);
      return deps.rules.mute(request);
    },
    'rules.snooze': (request) => {
      const source = knownSource(request.sourceId);
      return deps.rules.snooze({ ...request, ...(source ? { sourceName: source.name } : {}) });
    },
  };
}
