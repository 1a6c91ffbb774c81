// The publish commands: send (through the publisher, which queues for offline sources), the history of recent
// publishes, topic completion, and saved buttons (kept in the settings) with their templates expanded on press.
import { randomUUID } from 'node:crypto';
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import {
  canPublishTo,
  expandTemplate,
  publishTopicProblem,
  templateNeedsInput,
  type PublishRequest,
  type PublishResult,
  type SavedButton,
} from '../../../shared/publish.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { PublishHistory } from '../publish/publish-history.ts';
import type { PublishService, Settled } from '../publish/publisher.ts';
import type { TopicsSeen } from '../publish/topics-seen.ts';
import type { Settings } from '../settings/schema.ts';
import type { SourceKind } from '../../../shared/sources.ts';

export interface PublishHandlerDeps {
  publisher: PublishService;
  history: PublishHistory;
  topics: TopicsSeen;
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  /** A source's kind and name, or undefined when there is no such source. */
  source: (id: string) => { kind: SourceKind; name: string } | undefined;
}

type PublishCommands =
  | 'publish.send'
  | 'publish.history'
  | 'publish.topics'
  | 'publish.buttons.list'
  | 'publish.buttons.save'
  | 'publish.buttons.remove'
  | 'publish.buttons.press';

export function createPublishHandlers(deps: PublishHandlerDeps): Pick<Handlers, PublishCommands> {
  const buttons = () => deps.settings().publish.buttons;
  const saveButtons = (next: SavedButton[]) =>
    deps.saveSettings({ ...deps.settings(), publish: { ...deps.settings().publish, buttons: next } });
  const button = (id: string) => {
    const found = buttons().find((b) => b.id === id);
    if (!found) throw new HeraldError('not_found', `button ${id} not found`);
    return found;
  };

  /** Publishes and keeps it in the history: sent, queued (settled when the source is back) or failed. */
  const send = async (request: PublishRequest, buttonId?: string): Promise<PublishResult> => {
    let entryId: string | undefined;
    let early: Settled | undefined;
    const settle = (settled: Settled) => {
      if (entryId === undefined) return void (early = settled);
      deps.history.settle(
        entryId,
        settled.ok ? { outcome: 'sent', note: settled.note } : { outcome: 'failed', error: settled.error },
      );
    };
    try {
      const result = await deps.publisher.publish(request, settle);
      entryId = deps.history.add(request, { outcome: result.outcome, note: result.note }, buttonId);
      if (early) settle(early);
      if (request.topic) deps.topics.add(request.sourceId, request.topic);
      return result;
    } catch (err) {
      // An unknown source or an invalid request is not a publish worth a history line.
      if (err instanceof HeraldError && err.code !== 'conflict') throw err;
      deps.history.add(request, { outcome: 'failed', error: errorMessage(err) }, buttonId);
      throw err;
    }
  };

  return {
    'publish.send': (request) => send(request),
    'publish.history': () => ({ entries: deps.history.list() }),
    'publish.topics': (request) => ({ topics: deps.topics.query(request) }),
    'publish.buttons.list': () => ({ buttons: buttons() }),
    'publish.buttons.save': (request) => {
      const source = deps.source(request.sourceId);
      if (!source) throw new HeraldError('not_found', `source ${request.sourceId} not found`);
      if (!canPublishTo(source.kind)) {
        throw new HeraldError('invalid_request', `${source.name} cannot be published to (only MQTT and WebSocket)`);
      }
      const problem = source.kind === 'mqtt' ? publishTopicProblem(request.topic) : null;
      if (problem) throw new HeraldError('invalid_request', problem);
      const saved: SavedButton = { ...request, id: request.id ?? randomUUID().slice(0, 8) };
      const current = buttons();
      const exists = current.some((b) => b.id === saved.id);
      if (!exists && request.id !== undefined) throw new HeraldError('not_found', `button ${request.id} not found`);
      saveButtons(exists ? current.map((b) => (b.id === saved.id ? saved : b)) : [...current, saved]);
      return saved;
    },
    'publish.buttons.remove': (request) => {
      button(request.id);
      saveButtons(buttons().filter((b) => b.id !== request.id));
      return {};
    },
    'publish.buttons.press': async (request) => {
      const pressed = button(request.id);
      if (templateNeedsInput(pressed.payload) && request.input === undefined) {
        throw new HeraldError('invalid_request', `"${pressed.name}" asks for a value ({{input}}); give one`);
      }
      const payload = expandTemplate(pressed.payload, { now: new Date(), uuid: randomUUID, input: request.input });
      const publish: PublishRequest = {
        sourceId: pressed.sourceId,
        topic: pressed.topic,
        payload,
        qos: pressed.qos,
        retain: pressed.retain,
      };
      const result = await send(publish, pressed.id);
      return { ...result, topic: pressed.topic, payload };
    },
  };
}
