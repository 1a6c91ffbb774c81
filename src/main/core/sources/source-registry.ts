// Keeps every configured source running with its current settings and status. Saved sources come from
// settings; ephemeral ones from the command line. Each source gets the same sink (the pipeline's entry).
import type { SourceStatus, SourceView } from '../../../shared/model.ts';
import { secretFlagsOf } from '../../../shared/sources.ts';
import type { StoredSource } from '../settings/schema.ts';
import { sourceFactories } from './factories.ts';
import type { MessageSink, Source, SourceContext, SourceSecrets } from './common/source.ts';

export interface RegisteredSource {
  config: StoredSource;
  ephemeral: boolean;
  secrets: SourceSecrets;
  running: Source | null;
  status: SourceStatus;
}

export interface SourceRegistryOptions {
  sink: MessageSink;
  /** Where the embedded broker listens now (and the internal user to log in as), or why it does not. */
  embeddedBrokerUrl: () => { url: string; username?: string; password?: string } | { error: string };
  secrets: (sourceId: string) => SourceSecrets;
  loadCursor: (sourceId: string) => string | undefined;
  inflight: (sourceId: string) => SourceContext['inflight'];
  /** Topics a source subscribes for the devices, besides its own. */
  extraTopics?: (sourceId: string) => SourceContext['extraTopics'];
  /** Where webhook sources put their hooks (the web server answers them). */
  hooks?: SourceContext['hooks'];
  /** Folder for sources' durable state; each source gets its own subfolder. */
  dataDir: string;
  onChange: () => void;
  /** Sources an administrator's policy locks (shown read-only). */
  locked?: (sourceId: string) => boolean;
}

export class SourceRegistry {
  private readonly options: SourceRegistryOptions;
  private readonly sources = new Map<string, RegisteredSource>();

  constructor(options: SourceRegistryOptions) {
    this.options = options;
  }

  get(id: string): RegisteredSource | undefined {
    return this.sources.get(id);
  }

  /** Adds or replaces a source and (re)starts it with its new settings. */
  async put(config: StoredSource, ephemeral = false, secrets?: SourceSecrets): Promise<void> {
    await this.stopOne(config.id);
    const entry: RegisteredSource = {
      config,
      ephemeral,
      secrets: secrets ?? this.options.secrets(config.id),
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

  /** Reconnect one source, or all, now: the OS woke up, the network changed, or the user asked. */
  reconnect(id?: string): void {
    for (const entry of this.sources.values()) {
      if (id === undefined || entry.config.id === id) entry.running?.reconnectNow();
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.sources.keys()].map((id) => this.stopOne(id)));
  }

  /** Lists the sources in this order from now on (ids not given keep their place after those given). */
  reorder(ids: readonly string[]): void {
    const entries = [...this.sources.entries()];
    const rank = new Map(ids.map((id, i) => [id, i]));
    entries.sort(([a], [b]) => (rank.get(a) ?? ids.length) - (rank.get(b) ?? ids.length));
    this.sources.clear();
    for (const [id, entry] of entries) this.sources.set(id, entry);
  }

  views(): SourceView[] {
    return [...this.sources.values()].map((entry) => ({
      ...entry.config,
      url: this.resolvedUrl(entry.config) ?? entry.config.url,
      ephemeral: entry.ephemeral,
      ...(this.options.locked?.(entry.config.id) ? { locked: true } : {}),
      ...secretFlagsOf(entry.secrets),
      status: entry.status,
    }));
  }

  /** The URL to dial: the embedded default follows the broker; null when that broker is not running. */
  private resolvedUrl(config: StoredSource): string | null {
    if (!config.embedded) return config.url;
    const target = this.options.embeddedBrokerUrl();
    return 'url' in target ? target.url : null;
  }

  private startOne(entry: RegisteredSource): void {
    const { config } = entry;
    if (!config.enabled) {
      entry.status = { state: 'disabled', since: Date.now() };
      return;
    }
    const url = this.resolvedUrl(config);
    if (url === null) {
      const target = this.options.embeddedBrokerUrl();
      entry.status = { state: 'error', error: 'error' in target ? target.error : 'no broker', since: Date.now() };
      return;
    }
    let source: Source | null = null;
    // The embedded default source logs in as the broker's internal user, so it works with authentication on.
    const target = config.embedded ? this.options.embeddedBrokerUrl() : undefined;
    const login = target && 'url' in target && target.username ? target : undefined;
    const context: SourceContext = {
      sink: this.options.sink,
      secrets: login ? { ...entry.secrets, password: login.password } : entry.secrets,
      loadCursor: () => this.options.loadCursor(config.id),
      inflight: this.options.inflight(config.id),
      extraTopics: this.options.extraTopics?.(config.id),
      hooks: this.options.hooks,
      dataDir: this.options.dataDir,
      onStatus: (status) => {
        // A stopped source may still report its last words; only the current one speaks for the entry.
        if (source !== null && entry.running !== source) return;
        entry.status = status;
        this.options.onChange();
      },
    };
    const create = sourceFactories[config.kind] as (c: StoredSource, ctx: SourceContext) => Source;
    source = create({ ...config, url, ...(login ? { username: login.username } : {}) }, context);
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
