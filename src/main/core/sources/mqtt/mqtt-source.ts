// One MQTT broker as a source: its connection life runs on the shared LoopSource (our backoff, one fresh
// mqtt.js client per attempt), every message goes to the pipeline, and a QoS 1/2 message is acknowledged only
// after the pipeline committed it (ack-after-commit.ts; QoS 2 also keeps the packet durably between PUBREC
// and commit, mqtt-inflight-store.ts), so neither a crash nor a reconnect loses or doubles a message.
import type { SourceStatus } from '../../../../shared/model.ts';
import type { BackoffOptions } from '../common/backoff.ts';
import { LoopSource, type Attempt, type AttemptEvents } from '../common/connection-loop.ts';
import { dialMqtt } from './mqtt-connection.ts';
import { toIncomingMessage } from './mqtt-message.ts';
import { clientIdFor, mqttClientOptions, MqttSettingsError, type MqttConfig } from './mqtt-options.ts';
import { SessionSubscriptions } from './mqtt-subscriptions.ts';
import type { ReadPacing } from './ack-after-commit.ts';
import { SourceOffline, type Source, type SourceContext, type SourceSender } from '../common/source.ts';

export type { IncomingMessage, MessageSink } from '../common/source.ts';

export interface MqttSourceOptions {
  backoff?: BackoffOptions;
  /** How long the broker may take to answer CONNECT and SUBSCRIBE. Default 10 s. */
  answerTimeoutMs?: number;
  /** When mqtt.js may read on while messages wait for their commit (see ack-after-commit.ts). */
  readPacing?: ReadPacing;
}

const DEFAULT_ANSWER_TIMEOUT_MS = 10_000;

/** The registry resolves `url` (the embedded default follows the broker's actual port) before this runs. */
export function createMqttSource(config: MqttConfig, context: SourceContext): Source {
  return new MqttSource(config, context);
}

export class MqttSource extends LoopSource implements Source {
  readonly config: MqttConfig;
  private readonly context: SourceContext;
  private readonly answerTimeoutMs: number;
  private readonly readPacing: ReadPacing | undefined;
  /** Set while the broker refuses some subscriptions: shown as an error although the connection is up. */
  private subscriptionProblem: string | undefined;
  private attempt: ReturnType<typeof dialMqtt> | null = null;

  constructor(config: MqttConfig, context: SourceContext, options: MqttSourceOptions = {}) {
    super(context.onStatus, options.backoff);
    this.config = config;
    this.context = context;
    this.answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
    this.readPacing = options.readPacing;
  }

  protected connect(events: AttemptEvents): Attempt {
    const { config, context } = this;
    let clientOptions;
    try {
      clientOptions = mqttClientOptions(config, context.secrets, this.clientId, this.answerTimeoutMs);
    } catch (err) {
      if (!(err instanceof MqttSettingsError)) throw err;
      // Retrying cannot fix a setting: say what is wrong and wait for an edit.
      queueMicrotask(() => events.refused(err.message));
      return { close: () => {} };
    }
    this.attempt = dialMqtt(
      {
        url: config.url,
        clientOptions,
        protocolVersion: config.protocolVersion,
        keepalive: config.keepalive,
        topics: config.topics,
        session: this.session,
        inflight: context.inflight,
        commit: (packet) => context.sink(toIncomingMessage(packet, config)),
        onSubscriptionProblem: (problem) => this.setSubscriptionProblem(problem),
        answerTimeoutMs: this.answerTimeoutMs,
        readPacing: this.readPacing,
        extraTopics: context.extraTopics,
      },
      events,
    );
    return this.attempt;
  }

  /** Publishes go over the newest attempt's client; an attempt that ended says it is offline. */
  readonly sender: SourceSender = {
    online: () => this.attempt?.sender?.online() ?? false,
    send: (request) => {
      const sender = this.attempt?.sender;
      if (!sender?.online()) return Promise.reject(new SourceOffline(`${this.config.name} is not connected`));
      return sender.send(request);
    },
  };

  private get clientId(): string | undefined {
    return clientIdFor(this.config, this.context.dataDir);
  }

  /** Only a persistent session outlives the connection; a clean one starts with no subscriptions. */
  private get session(): SessionSubscriptions | null {
    const clientId = this.clientId;
    if (this.config.clean || clientId === undefined) return null;
    return new SessionSubscriptions(this.context.dataDir, this.config.id, { url: this.config.url, clientId });
  }

  private setSubscriptionProblem(problem: string | undefined): void {
    if (problem === this.subscriptionProblem) return;
    this.subscriptionProblem = problem;
    this.statusChanged();
  }

  protected override shown(status: SourceStatus): SourceStatus {
    if (status.state !== 'connected' || this.subscriptionProblem === undefined) return status;
    return { ...status, state: 'error', error: this.subscriptionProblem };
  }
}
