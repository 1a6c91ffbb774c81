// One retained message under Home Assistant's discovery prefix, read as the entities it announces:
// `<prefix>/<component>/[<node_id>/]<object_id>/config`, either one entity or (component `device`) a whole
// device with its components in `cmps`. An empty payload removes what the topic announced. A config that
// cannot be used becomes an entity that shows why; a component Herald does not drive is listed as unknown.
import { errorMessage } from '../../../shared/error-message.ts';
import { expandAbbreviations, expandBaseTopic, isObject, type Json } from './abbreviations.ts';
import { haEntity } from './ha-components.ts';
import { HaConfig } from './ha-config.ts';
import type { EntityDefinition } from './entity.ts';
import type { DeviceInfo } from './device-info.ts';

export interface DiscoveredEntity {
  definition: EntityDefinition;
  device: DeviceInfo;
}

/** Everything one discovery topic announces now; it replaces what the same topic announced before. */
export interface Discovery {
  entities: DiscoveredEntity[];
  unknown: string[];
}

export interface DiscoveryTopic {
  component: string;
  /** `component/[node_id/]object_id`: unique per discovery topic, the base of its entities' ids. */
  path: string;
  objectId: string;
}

/** The parts of a discovery config topic, or null when the topic is not one. */
export function parseDiscoveryTopic(prefix: string, topic: string): DiscoveryTopic | null {
  if (!topic.startsWith(`${prefix}/`) || !topic.endsWith('/config')) return null;
  const levels = topic.slice(prefix.length + 1, -'/config'.length).split('/');
  if (levels.length !== 2 && levels.length !== 3) return null;
  if (levels.some((level) => level === '')) return null;
  return { component: levels[0]!, path: levels.join('/'), objectId: levels.at(-1)! };
}

export function readDiscovery(sourceId: string, where: DiscoveryTopic, payload: string): Discovery {
  const id = `ha:${sourceId}:${where.path}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return failed(sourceId, where, id, 'the config is not valid JSON');
  }
  if (!isObject(parsed)) return failed(sourceId, where, id, 'the config is not a JSON object');
  const config = expandAbbreviations(parsed);
  const out: Discovery = { entities: [], unknown: [] };
  if (where.component === 'device') {
    const { components, ...shared } = config;
    if (!isObject(components)) return failed(sourceId, where, id, 'a device config needs cmps (components)');
    for (const [key, component] of Object.entries(components)) {
      if (!isObject(component)) continue;
      const platform = component.platform;
      const merged = { ...shared, ...component };
      if (typeof platform !== 'string') {
        out.entities.push(errorEntity(sourceId, merged, `${id}#${key}`, key, 'p (platform) is required'));
        continue;
      }
      // `{ "p": "sensor" }` alone is how a device config removes one of its components.
      if (Object.keys(component).length === 1) continue;
      add(out, sourceId, { component: platform, key: `${id}#${key}`, objectId: key }, merged);
    }
    return out;
  }
  add(out, sourceId, { component: where.component, key: id, objectId: where.objectId }, config);
  return out;
}

function add(
  out: Discovery,
  sourceId: string,
  target: { component: string; key: string; objectId: string },
  raw: Json,
): void {
  const config = expandBaseTopic(raw);
  const device = deviceOf(sourceId, config, target.key, target.objectId);
  const name = entityName(config, device, target.objectId);
  try {
    const definition = haEntity({ id: target.key, name, component: target.component }, new HaConfig(config));
    if (definition === null) out.unknown.push(target.component);
    else out.entities.push({ definition, device });
  } catch (err) {
    out.entities.push({ definition: errorDefinition(target.key, name, target.component, errorMessage(err)), device });
  }
}

function failed(sourceId: string, where: DiscoveryTopic, id: string, error: string): Discovery {
  return { entities: [errorEntity(sourceId, {}, id, where.objectId, error, where.component)], unknown: [] };
}

function errorEntity(
  sourceId: string,
  config: Json,
  id: string,
  objectId: string,
  error: string,
  component = typeof config.platform === 'string' ? config.platform : 'unknown',
): DiscoveredEntity {
  const device = deviceOf(sourceId, config, id, objectId);
  return { definition: errorDefinition(id, entityName(config, device, objectId), component, error), device };
}

function errorDefinition(id: string, name: string, component: string, error: string): EntityDefinition {
  return { id, name, component, control: 'readout', settable: false, state: [], error };
}

/** HA: a `name` of null means "the device's name"; without a name, the object id stands in. */
function entityName(config: Json, device: DeviceInfo, objectId: string): string {
  if (typeof config.name === 'string' && config.name !== '') return config.name;
  if (config.name === null) return device.name;
  return objectId.replace(/_/g, ' ');
}

/** The device an entity belongs to: by its first identifier or connection; else a device of its own. */
function deviceOf(sourceId: string, config: Json, entityId: string, objectId: string): DeviceInfo {
  const device = isObject(config.device) ? config.device : {};
  const identifiers = device.identifiers;
  const first: unknown = Array.isArray(identifiers) ? (identifiers as unknown[])[0] : identifiers;
  const connection: unknown = Array.isArray(device.connections) ? (device.connections as unknown[])[0] : undefined;
  const key =
    typeof first === 'string' || typeof first === 'number'
      ? String(first)
      : Array.isArray(connection)
        ? connection.join(':')
        : null;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const name = text(device.name) ?? (typeof config.name === 'string' ? config.name : objectId.replace(/_/g, ' '));
  const info: DeviceInfo = {
    id: key !== null ? `ha:${sourceId}:device:${key}` : `${entityId}:device`,
    sourceId,
    origin: 'homeassistant',
    name,
  };
  const area = text(device.suggested_area);
  const model = text(device.model);
  const manufacturer = text(device.manufacturer);
  if (area) info.area = area;
  if (model) info.model = model;
  if (manufacturer) info.manufacturer = manufacturer;
  return info;
}
