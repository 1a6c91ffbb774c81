// The devices every MQTT source announces, kept live. The pipeline hands each message here first (consume):
// discovery configs and Zigbee2MQTT's device list (re)define entities, their state and availability topics
// update them; all of these are device state, not inbox messages. Changes go out batched, once per event-loop
// turn, as whole devices. Commands are published through the Publisher the core was given.
import { Buffer } from 'node:buffer';
import { HeraldError } from '../../../shared/contract.ts';
import type { DeviceView, DevicesChanged, UnknownComponent } from '../../../shared/commands/devices.ts';
import type { Publisher } from '../../../shared/publish.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { IncomingMessage } from '../messages.ts';
import type { StoredSource } from '../settings/schema.ts';
import type { DeviceInfo } from './device-info.ts';
import { discoveryOf, type DiscoverySettings } from './discovery-settings.ts';
import {
  CommandError,
  emptyState,
  entityView,
  type CommandRequest,
  type EntityDefinition,
  type EntityState,
} from './entity.ts';
import { parseDiscoveryTopic, readDiscovery, type DiscoveredEntity } from './ha-discovery.ts';
import type { AlertTarget } from './device-alert.ts';
import { DeviceTopics } from './device-topics.ts';
import { CoverCache } from './topic-cover.ts';
import { readBridgeDevices } from './zigbee2mqtt.ts';

export interface DeviceRegistryOptions {
  /** A source's settings (discovery, its own topic filters); undefined once removed. */
  source: (sourceId: string) => StoredSource | undefined;
  publish: Publisher;
  onChange: (change: DevicesChanged) => void;
  now?: () => number;
}

interface EntityRecord {
  definition: EntityDefinition;
  deviceId: string;
  sourceId: string;
  state: EntityState;
  /** The last word of each availability topic, and of all of them (for mode `latest`). */
  online: Map<string, boolean>;
  latest?: boolean;
}

interface DeviceRecord {
  info: DeviceInfo;
  entities: Set<string>;
  lastSeen: number | null;
}

const key = (sourceId: string, topic: string) => `${sourceId}\u0000${topic}`;

export class DeviceRegistry {
  private readonly options: DeviceRegistryOptions;
  private readonly now: () => number;
  private readonly entities = new Map<string, EntityRecord>();
  private readonly devices = new Map<string, DeviceRecord>();
  /** Entity ids by (source, announcing topic): a new announcement on the topic replaces them. */
  private readonly announced = new Map<string, string[]>();
  /** Entity ids by (source, state or availability topic). */
  private readonly byTopic = new Map<string, Set<string>>();
  private readonly unknown = new Map<string, UnknownComponent[]>();
  private readonly settingsSeen = new Map<string, { settings: DiscoverySettings; text: string }>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private flushTimer: ReturnType<typeof setImmediate> | null = null;
  private readonly covered = new CoverCache();
  readonly topics: DeviceTopics;

  constructor(options: DeviceRegistryOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.topics = new DeviceTopics((sourceId) => this.options.source(sourceId));
  }

  /**
   * True when the message is device state (an announcement, or a state or availability topic of a discovered
   * entity) or arrived only because discovery subscribed it: it then goes to the devices, not the inbox.
   */
  consume(message: IncomingMessage): boolean {
    const source = this.options.source(message.sourceId);
    const settings = discoveryOf(source);
    if (!settings || !source || source.kind !== 'mqtt' || !message.payload) return false;
    this.checkSettings(message.sourceId, settings);
    const { sourceId, topic } = message;
    const bytes = message.payload;
    const text = () => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    let consumed = false;
    if (settings.homeAssistant) {
      const where = parseDiscoveryTopic(settings.prefix, topic);
      if (where) {
        const config = text();
        const discovery = config.trim() === '' ? { entities: [], unknown: [] } : readDiscovery(sourceId, where, config);
        this.announce(sourceId, topic, discovery.entities);
        this.setUnknown(sourceId, topic, discovery.unknown);
        consumed = true;
      }
    }
    if (settings.zigbee2mqtt && topic === `${settings.baseTopic}/bridge/devices`) {
      const list = text();
      this.announce(sourceId, topic, list.trim() === '' ? [] : this.bridgeDevices(sourceId, settings.baseTopic, list));
      consumed = true;
    }
    const ids = this.byTopic.get(key(sourceId, topic));
    if (ids) {
      this.update(ids, topic, text());
      consumed = true;
    }
    return consumed || !this.covered.covers(source.topics, topic);
  }

  /** The name of the device whose state or availability topic the message came on, if any. */
  deviceName(message: Pick<IncomingMessage, 'sourceId' | 'topic'>): string | undefined {
    const ids = this.byTopic.get(key(message.sourceId, message.topic));
    const first = ids?.values().next().value;
    const record = first === undefined ? undefined : this.entities.get(first);
    return record === undefined ? undefined : this.devices.get(record.deviceId)?.info.name;
  }

  list(): { devices: DeviceView[]; unknown: UnknownComponent[] } {
    const devices = [...this.devices.values()]
      .filter((d) => discoveryOf(this.options.source(d.info.sourceId)) !== null)
      .map((d) => this.view(d))
      .sort((a, b) => (a.area ?? '').localeCompare(b.area ?? '') || a.name.localeCompare(b.name));
    return { devices, unknown: [...this.unknown.values()].flat() };
  }

  /** What a device alert on the entity watches; refused when a rule cannot follow its state. */
  alertTarget(entityId: string): AlertTarget {
    const entity = this.entities.get(entityId);
    if (!entity) throw new HeraldError('not_found', `device entity ${entityId} not found`);
    const { definition } = entity;
    if (!definition.watch) {
      throw new HeraldError(
        'conflict',
        `${definition.name}: a rule cannot follow its state (no state topic, or a value template too involved)`,
      );
    }
    const device = this.devices.get(entity.deviceId);
    return {
      sourceId: entity.sourceId,
      deviceName: device?.info.name ?? definition.name,
      entityName: definition.name,
      watch: definition.watch,
    };
  }

  /** Publishes the entity's command; resolves with what was sent. */
  async command(entityId: string, request: CommandRequest): Promise<{ topic: string; payload: string }> {
    const entity = this.entities.get(entityId);
    if (!entity) throw new HeraldError('not_found', `device entity ${entityId} not found`);
    const { definition } = entity;
    if (!definition.command || !definition.settable) {
      throw new HeraldError(
        'conflict',
        `${definition.name} cannot be controlled${definition.error ? `: ${definition.error}` : ''}`,
      );
    }
    let publish;
    try {
      publish = definition.command(request);
    } catch (err) {
      if (err instanceof CommandError) throw new HeraldError('conflict', `${definition.name}: ${err.message}`);
      throw err;
    }
    await this.options.publish({ sourceId: entity.sourceId, ...publish });
    return { topic: publish.topic, payload: publish.payload };
  }

  stop(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    this.topics.stop();
  }

  private bridgeDevices(sourceId: string, base: string, text: string): DiscoveredEntity[] {
    try {
      return readBridgeDevices(sourceId, base, text);
    } catch (err) {
      const device: DeviceInfo = {
        id: `z2m:${sourceId}:bridge`,
        sourceId,
        origin: 'zigbee2mqtt',
        name: `${base} bridge`,
      };
      const definition: EntityDefinition = {
        id: `z2m:${sourceId}:bridge:devices`,
        name: 'Device list',
        component: 'bridge',
        control: 'readout',
        settable: false,
        state: [],
        error: `the device list cannot be read: ${errorMessage(err)}`,
      };
      return [{ definition, device }];
    }
  }

  /** Discovery switched off or moved to another prefix: what the source announced before is forgotten. */
  private checkSettings(sourceId: string, settings: DiscoverySettings): void {
    const before = this.settingsSeen.get(sourceId);
    if (before?.settings === settings) return;
    const text = JSON.stringify(settings);
    this.settingsSeen.set(sourceId, { settings, text });
    if (before === undefined || before.text === text) return;
    for (const [announceKey] of this.announced) {
      if (announceKey.startsWith(`${sourceId}\u0000`))
        this.announce(sourceId, announceKey.slice(sourceId.length + 1), []);
    }
    for (const unknownKey of [...this.unknown.keys()])
      if (unknownKey.startsWith(`${sourceId}\u0000`)) this.unknown.delete(unknownKey);
  }

  private announce(sourceId: string, topic: string, discovered: DiscoveredEntity[]): void {
    const announceKey = key(sourceId, topic);
    const before = new Set(this.announced.get(announceKey) ?? []);
    const now: string[] = [];
    for (const { definition, device } of discovered) {
      before.delete(definition.id);
      now.push(definition.id);
      this.put(sourceId, definition, device);
    }
    for (const id of before) this.drop(id);
    if (now.length) this.announced.set(announceKey, now);
    else this.announced.delete(announceKey);
  }

  private put(sourceId: string, definition: EntityDefinition, info: DeviceInfo): void {
    const previous = this.entities.get(definition.id);
    if (previous) {
      this.unindex(previous);
      if (previous.deviceId !== info.id) this.detach(previous.deviceId, definition.id);
    }
    const record: EntityRecord = {
      definition,
      deviceId: info.id,
      sourceId,
      state: previous?.state ?? emptyState(),
      online: new Map(),
    };
    this.entities.set(definition.id, record);
    const device = this.devices.get(info.id);
    if (device) {
      device.info = { ...device.info, ...info, name: device.info.name };
      device.entities.add(definition.id);
    } else {
      this.devices.set(info.id, { info, entities: new Set([definition.id]), lastSeen: null });
    }
    for (const topic of topicsOf(definition)) {
      const topicKey = key(sourceId, topic);
      let ids = this.byTopic.get(topicKey);
      if (!ids) this.byTopic.set(topicKey, (ids = new Set()));
      ids.add(definition.id);
      this.topics.add(sourceId, topic);
    }
    this.markChanged(info.id);
  }

  private drop(entityId: string): void {
    const record = this.entities.get(entityId);
    if (!record) return;
    this.entities.delete(entityId);
    this.unindex(record);
    this.detach(record.deviceId, entityId);
  }

  private unindex(record: EntityRecord): void {
    for (const topic of topicsOf(record.definition)) {
      const topicKey = key(record.sourceId, topic);
      const ids = this.byTopic.get(topicKey);
      ids?.delete(record.definition.id);
      if (ids?.size === 0) this.byTopic.delete(topicKey);
    }
  }

  private detach(deviceId: string, entityId: string): void {
    const device = this.devices.get(deviceId);
    if (!device) return;
    device.entities.delete(entityId);
    if (device.entities.size > 0) return this.markChanged(deviceId);
    this.devices.delete(deviceId);
    this.changed.delete(deviceId);
    this.removed.add(deviceId);
    this.scheduleFlush();
  }

  private update(ids: Set<string>, topic: string, payload: string): void {
    const now = this.now();
    for (const id of ids) {
      const record = this.entities.get(id)!;
      for (const binding of record.definition.state) {
        if (binding.topic !== topic) continue;
        try {
          const change = binding.apply(payload, record.state);
          record.state = { ...record.state, ...change };
          delete record.state.error;
        } catch (err) {
          record.state = { ...record.state, error: `state on ${topic}: ${errorMessage(err)}` };
        }
      }
      for (const binding of record.definition.availability?.topics ?? []) {
        if (binding.topic !== topic) continue;
        try {
          const online = binding.read(payload);
          if (online !== undefined) {
            record.online.set(topic, online);
            record.latest = online;
          }
        } catch (err) {
          record.state = { ...record.state, error: `availability on ${topic}: ${errorMessage(err)}` };
        }
      }
      const device = this.devices.get(record.deviceId);
      if (device) device.lastSeen = now;
      this.markChanged(record.deviceId);
    }
  }

  private setUnknown(sourceId: string, topic: string, components: string[]): void {
    const unknownKey = key(sourceId, topic);
    if (components.length === 0) this.unknown.delete(unknownKey);
    else
      this.unknown.set(
        unknownKey,
        components.map((component) => ({ sourceId, topic, component })),
      );
  }

  private markChanged(deviceId: string): void {
    this.removed.delete(deviceId);
    this.changed.add(deviceId);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setImmediate(() => {
      this.flushTimer = null;
      const devices = [...this.changed].flatMap((id) => {
        const device = this.devices.get(id);
        return device ? [this.view(device)] : [];
      });
      const removed = [...this.removed];
      this.changed.clear();
      this.removed.clear();
      if (devices.length || removed.length) this.options.onChange({ devices, removed });
    });
  }

  private view(device: DeviceRecord): DeviceView {
    const entities = [...device.entities].map((id) => this.entities.get(id)!);
    let available: boolean | null = null;
    for (const entity of entities) {
      const online = availabilityOf(entity);
      if (online === true) available = true;
      else if (online === false && available === null) available = false;
    }
    return {
      ...device.info,
      available,
      lastSeen: device.lastSeen,
      entities: entities.map((e) => entityView(e.definition, e.state)),
    };
  }
}

function topicsOf(definition: EntityDefinition): Set<string> {
  return new Set([
    ...definition.state.map((b) => b.topic),
    ...(definition.availability?.topics.map((b) => b.topic) ?? []),
  ]);
}

function availabilityOf(entity: EntityRecord): boolean | undefined {
  const availability = entity.definition.availability;
  if (!availability) return undefined;
  if (availability.mode === 'latest') return entity.latest;
  const values = availability.topics.map((t) => entity.online.get(t.topic));
  if (availability.mode === 'all') {
    return values.includes(false) ? false : values.every((v) => v === true) ? true : undefined;
  }
  return values.includes(true) ? true : values.every((v) => v === false) ? false : undefined;
}
