// Sends what the user, a saved button or a device control publishes, through the source it names: MQTT
// sources over their live mqtt.js client, WebSocket sources as a text frame. While a source is offline its
// publishes wait in a bounded queue (shown in the source's status) and go out in order when it is back; a full
// queue, a disabled source or a kind that cannot send is refused with the reason. Nothing is dropped unsaid.
import { HeraldError } from '../../../shared/contract.ts';
import {
  canPublishTo,
  publishTopicProblem,
  type Publisher,
  type PublishRequest,
  type PublishResult,
} from '../../../shared/publish.ts';
import { kindDefinition } from '../../../shared/sources/kinds.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { SourceOffline } from '../sources/common/source.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import { logger } from '../logging/logger.ts';

export const DEFAULT_MAX_QUEUED = 100;
/** Larger payloads are refused before anything is sent (a broker may announce a lower limit of its own). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/** How a queued publish ended, told to whoever queued it (the history). */
export type Settled = { ok: true; note?: string } | { ok: false; error: string };

interface Queued {
  request: PublishRequest;
  onSettled?: (outcome: Settled) => void;
}

export interface PublishServiceOptions {
  sources: Pick<SourceRegistry, 'get'>;
  maxQueued?: number;
  maxPayloadBytes?: number;
  /** A queue grew or shrank: the sources' status shows the count. */
  onQueueChange: () => void;
}

const log = logger('publish');

export class PublishService {
  private readonly options: PublishServiceOptions;
  private readonly queues = new Map<string, Queued[]>();
  private readonly draining = new Set<string>();
  private readonly maxQueued: number;
  private readonly maxPayloadBytes: number;

  /** The one Publisher (src/shared/publish.ts) that device controls and other features call. */
  readonly publisher: Publisher = (request) => this.publish(request);

  constructor(options: PublishServiceOptions) {
    this.options = options;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  }

  /** Publishes now, or queues while the source is offline; throws HeraldError with the reason when refused. */
  async publish(request: PublishRequest, onSettled?: (outcome: Settled) => void): Promise<PublishResult> {
    const entry = this.options.sources.get(request.sourceId);
    if (!entry) throw new HeraldError('not_found', `source ${request.sourceId} not found`);
    const { config } = entry;
    if (!canPublishTo(config.kind)) {
      throw new HeraldError(
        'invalid_request',
        `${config.name} is a ${kindDefinition(config.kind).label} source; Herald can publish only to MQTT and WebSocket sources`,
      );
    }
    if (config.kind === 'mqtt') {
      const problem = publishTopicProblem(request.topic);
      if (problem) throw new HeraldError('invalid_request', `cannot publish: ${problem}`);
    }
    const bytes = Buffer.byteLength(request.payload, 'utf8');
    if (bytes > this.maxPayloadBytes) {
      throw new HeraldError(
        'invalid_request',
        `the payload is ${formatBytes(bytes)}; Herald publishes at most ${formatBytes(this.maxPayloadBytes)}`,
      );
    }
    const sender = entry.running?.sender;
    if (!entry.running || !sender) {
      const why = entry.status.error;
      throw new HeraldError(
        'conflict',
        why ? `${config.name} cannot publish: ${why}` : `${config.name} is disabled; enable it to publish`,
      );
    }
    if (!sender.online() && entry.status.state === 'error') {
      // Refused credentials or bad settings: it will not come back by itself, so a queue would only wait.
      throw new HeraldError('conflict', `${config.name} cannot connect: ${entry.status.error ?? 'error'}`);
    }
    const queue = this.queues.get(request.sourceId) ?? [];
    // Behind a queue that is still draining, a new publish waits its turn: order is kept per source.
    if (queue.length === 0 && sender.online()) {
      try {
        const sent = await sender.send(request);
        return { outcome: 'sent', queued: 0, ...sent };
      } catch (err) {
        if (!(err instanceof SourceOffline)) throw new HeraldError('conflict', `not published: ${errorMessage(err)}`);
        // Dropped before the broker confirmed: queued to be sent again (at least once, as QoS 1 is).
      }
    }
    return this.enqueue(request, onSettled, config.name);
  }

  /** Queued publishes waiting for this source. */
  queued(sourceId: string): number {
    return this.queues.get(sourceId)?.length ?? 0;
  }

  /** A source's state changed: send what waits for sources that are back; fail what waits for removed ones. */
  sourcesChanged(): void {
    for (const [sourceId, queue] of this.queues) {
      if (this.options.sources.get(sourceId)) void this.drain(sourceId);
      else this.failAll(sourceId, queue, 'the source was removed');
    }
  }

  /** Herald stops: what still waits is told so (the history shows it) rather than forgotten. */
  stop(): void {
    for (const [sourceId, queue] of this.queues) this.failAll(sourceId, queue, 'Herald stopped before it was sent');
  }

  private enqueue(request: PublishRequest, onSettled: Queued['onSettled'], name: string): PublishResult {
    const queue = this.queues.get(request.sourceId) ?? [];
    if (queue.length >= this.maxQueued) {
      throw new HeraldError(
        'conflict',
        `not published: ${name} is offline and ${queue.length} publishes already wait for it (the limit)`,
      );
    }
    queue.push({ request, onSettled });
    this.queues.set(request.sourceId, queue);
    this.options.onQueueChange();
    // The source may have come back meanwhile (an ack lost to a drop that was already redialled).
    void this.drain(request.sourceId);
    return { outcome: 'queued', queued: queue.length };
  }

  private async drain(sourceId: string): Promise<void> {
    if (this.draining.has(sourceId)) return;
    this.draining.add(sourceId);
    try {
      const queue = this.queues.get(sourceId);
      while (queue && queue.length > 0) {
        const sender = this.options.sources.get(sourceId)?.running?.sender;
        if (!sender?.online()) break;
        const next = queue[0]!;
        let outcome: Settled;
        try {
          outcome = { ok: true, ...(await sender.send(next.request)) };
        } catch (err) {
          if (err instanceof SourceOffline) break;
          outcome = { ok: false, error: errorMessage(err) };
          log.warn(`a queued publish to ${sourceId} was refused: ${outcome.error}`);
        }
        queue.shift();
        next.onSettled?.(outcome);
        this.options.onQueueChange();
      }
      if (queue?.length === 0) this.queues.delete(sourceId);
    } finally {
      this.draining.delete(sourceId);
    }
  }

  private failAll(sourceId: string, queue: Queued[], reason: string): void {
    this.queues.delete(sourceId);
    for (const item of queue) item.onSettled?.({ ok: false, error: reason });
    if (queue.length) this.options.onQueueChange();
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}
