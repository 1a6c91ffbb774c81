// Keeps every configured source running with its current settings and status. Saved sources come from
// settings; ephemeral ones from the command line. Each source gets the same sink (the pipeline's entry).
import type { SourceStatus, SourceView } from '../../../shared/model.ts';
import type { StoredSource } from '../settings/schema.ts';
import { MqttSource, type MessageSink } from './mqtt-source.ts';

export interface RegisteredSource {
  config: StoredSource;
  ephemeral: boolean;
  hasPassword: boolean;
  running: MqttSource | null;
  status: SourceStatus;
}

export interface SourceRegistryOptions {
  sink: MessageSink;
  /** Where the embedded broker listens now, or why it does not. */
  embeddedBrokerUrl: () => { url: string } | { error: string };
  password: (sourceId: string) => string | undefined;
  onChange: () => void;
}

export class SourceRegistry {
  private readonly options: SourceRegistryOptions;
  private readonly sources = new Map<string, RegisteredSource>();

  constructor(options: SourceRegistryOptions) {
    this.options = options;
  }

  has(id: string): boolean {
    return this.sources.has(id);
  }

  get(id: string): RegisteredSource | undefined {
    return this.sources.get(id);
  }

  /** Adds or replaces a source and (re)starts it with its new settings. */
  async put(config: StoredSource, ephemeral = false): Promise<void> {
    await this.stopOne(config.id);
    const entry: RegisteredSource = {
      config,
      ephemeral,
      hasPassword: this.options.password(config.id) !== undefined,
      running: null,
      status: { state: 'disabled', since: Date.now() },
    };
    this.sources.set(config.id, entry);
    this.startOne(entry);
    this.options.onChange();
  }

  async remove(id: string): Promise<void> {
    await this.stopOne(id);
    this.sources.delete(id);
    this.options.onChange();
  }

  /** Reconnect everything now: the OS woke up or the network changed. */
  reconnectAll(): void {
    for (const entry of this.sources.values()) entry.running?.reconnectNow();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.sources.keys()].map((id) => this.stopOne(id)));
  }

  views(): SourceView[] {
    return [...this.sources.values()].map((entry) => ({
      id: entry.config.id,
      kind: entry.config.kind,
      name: entry.config.name,
      url: this.displayUrl(entry.config),
      username: entry.config.username,
      hasPassword: entry.hasPassword,
      clientId: entry.config.clientId,
      topics: entry.config.topics,
      enabled: entry.config.enabled,
      embedded: entry.config.embedded,
      ephemeral: entry.ephemeral,
      status: entry.status,
    }));
  }

  private displayUrl(config: StoredSource): string {
    if (!config.embedded) return config.url;
    const target = this.options.embeddedBrokerUrl();
    return 'url' in target ? target.url : config.url;
  }

  private startOne(entry: RegisteredSource): void {
    const { config } = entry;
    if (!config.enabled) {
      entry.status = { state: 'disabled', since: Date.now() };
      return;
    }
    let url = config.url;
    if (config.embedded) {
      const target = this.options.embeddedBrokerUrl();
      if ('error' in target) {
        entry.status = { state: 'error', error: target.error, since: Date.now() };
        return;
      }
      url = target.url;
    }
    const source = new MqttSource(
      { ...config, url, password: this.options.password(config.id) },
      this.options.sink,
      (status) => {
        if (entry.running !== source) return;
        entry.status = status;
        this.options.onChange();
      },
    );
    entry.running = source;
    source.start();
    entry.status = source.status;
  }

  private async stopOne(id: string): Promise<void> {
    const entry = this.sources.get(id);
    const running = entry?.running;
    if (!entry || !running) return;
    entry.running = null;
    await running.stop();
  }
}
