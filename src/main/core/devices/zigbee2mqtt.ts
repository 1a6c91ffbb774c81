// Zigbee2MQTT's device list (`<base>/bridge/devices`, retained) read as entities: one per expose (binary,
// numeric, enum, text) and per feature of the composite ones (light, switch, lock, cover, climate, fan), with
// the `access` bits saying what can be read (1) and set (2). State arrives as JSON on `<base>/<friendly_name>`,
// commands go to `<base>/<friendly_name>/set`, availability on `<base>/<friendly_name>/availability` as
// `online` or `{"state":"online"}`.
import { isObject, type Json } from './abbreviations.ts';
import type { DeviceInfo } from './device-info.ts';
import {
  asEntityValue,
  CommandError,
  numberValue,
  ruleLiteral,
  rulePath,
  type Availability,
  type CommandRequest,
  type EntityDefinition,
  type EntityValue,
  type Publish,
} from './entity.ts';
import type { DiscoveredEntity } from './ha-discovery.ts';

const ACCESS_SET = 2;
const COMPOSITES = new Set(['light', 'switch', 'lock', 'cover', 'climate', 'fan']);

/** The devices the bridge lists (the coordinator and disabled devices left out); throws when it is no list. */
export function readBridgeDevices(sourceId: string, base: string, payload: string): DiscoveredEntity[] {
  const list: unknown = JSON.parse(payload);
  if (!Array.isArray(list)) throw new Error(`${base}/bridge/devices is not a list`);
  const out: DiscoveredEntity[] = [];
  for (const entry of list) {
    if (!isObject(entry) || entry.type === 'Coordinator' || entry.disabled === true) continue;
    const friendly = entry.friendly_name;
    if (typeof friendly !== 'string' || friendly === '') continue;
    const definition = isObject(entry.definition) ? entry.definition : {};
    const device: DeviceInfo = {
      id: `z2m:${sourceId}:${typeof entry.ieee_address === 'string' ? entry.ieee_address : friendly}`,
      sourceId,
      origin: 'zigbee2mqtt',
      name: friendly,
    };
    if (typeof definition.model === 'string') device.model = definition.model;
    if (typeof definition.vendor === 'string') device.manufacturer = definition.vendor;
    const exposes = Array.isArray(definition.exposes) ? definition.exposes : [];
    const context = { device, topic: `${base}/${friendly}`, availability: availability(`${base}/${friendly}`) };
    for (const expose of exposes) if (isObject(expose)) out.push(...fromExpose(context, expose));
  }
  return out;
}

interface Context {
  device: DeviceInfo;
  /** The device's state topic; commands go to `${topic}/set`. */
  topic: string;
  availability: Availability;
}

function availability(topic: string): Availability {
  const read = (payload: string): boolean | undefined => {
    let state: unknown = payload.trim();
    if (payload.trim().startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(payload);
        state = isObject(parsed) ? parsed.state : undefined;
      } catch {
        return undefined;
      }
    }
    return state === 'online' ? true : state === 'offline' ? false : undefined;
  };
  return { topics: [{ topic: `${topic}/availability`, read }], mode: 'latest' };
}

function fromExpose(context: Context, expose: Json): DiscoveredEntity[] {
  const type = String(expose.type);
  const features = Array.isArray(expose.features) ? expose.features.filter(isObject) : [];
  if (!COMPOSITES.has(type)) {
    const single = generic(context, expose);
    return single ? [{ definition: single, device: context.device }] : [];
  }
  const state = features.find((f) => f.name === 'state' && f.type === 'binary');
  const brightness = features.find((f) => f.name === 'brightness');
  const colorTemp = features.find((f) => f.name === 'color_temp');
  const out: EntityDefinition[] = [];
  const used = new Set<Json>();
  if ((type === 'light' || type === 'switch' || type === 'lock' || type === 'fan') && state) {
    const toggle = generic(context, state, type);
    if (toggle) {
      used.add(state);
      if (type === 'light' && brightness) {
        used.add(brightness);
        addLightFeature(context, toggle, brightness, 'brightness');
      }
      if (type === 'light' && colorTemp) {
        used.add(colorTemp);
        addLightFeature(context, toggle, colorTemp, 'colorTemp');
      }
      out.push(toggle);
    }
  }
  if (type === 'cover') {
    const coverState = features.find((f) => f.name === 'state' && f.type === 'enum');
    if (coverState) {
      used.add(coverState);
      out.push(cover(context, coverState));
    }
  }
  for (const feature of features) {
    if (used.has(feature)) continue;
    const entity = generic(context, feature);
    if (entity) out.push(entity);
  }
  return out.map((definition) => ({ definition, device: context.device }));
}

/** binary -> toggle (settable) or readout; numeric -> number or readout; enum -> select or readout; text. */
function generic(context: Context, expose: Json, component = String(expose.type)): EntityDefinition | null {
  const property = expose.property;
  if (typeof property !== 'string' || property === '') return null;
  const access = typeof expose.access === 'number' ? expose.access : 1;
  const settable = (access & ACCESS_SET) !== 0;
  const name =
    typeof expose.label === 'string' ? expose.label : typeof expose.name === 'string' ? expose.name : property;
  const base = { id: `${context.device.id}:${property}`, name, component, availability: context.availability };
  const read = (convert: (raw: unknown) => EntityValue) => [
    { topic: context.topic, apply: (payload: string) => readProperty(payload, property, convert) },
  ];
  const watch = { topic: context.topic, path: rulePath(property), literal: ruleLiteral };
  const send = (value: unknown): Publish => ({
    topic: `${context.topic}/set`,
    payload: JSON.stringify({ [property]: value }),
    qos: 0,
    retain: false,
  });
  if (expose.type === 'binary') {
    const on = expose.value_on ?? true;
    const off = expose.value_off ?? false;
    return {
      ...base,
      watch: { ...watch, literal: (v: EntityValue) => ruleLiteral(v === true ? on : v === false ? off : v) },
      control: settable ? 'toggle' : 'readout',
      settable,
      state: read((raw) => (raw === on ? true : raw === off ? false : null)),
      ...(settable ? { command: (r: CommandRequest) => send(toggleValue(r, on, off, expose.value_toggle)) } : {}),
    };
  }
  if (expose.type === 'numeric') {
    const unit = typeof expose.unit === 'string' ? expose.unit : undefined;
    const min = typeof expose.value_min === 'number' ? expose.value_min : undefined;
    const max = typeof expose.value_max === 'number' ? expose.value_max : undefined;
    const step = typeof expose.value_step === 'number' ? expose.value_step : undefined;
    const number = settable && min !== undefined && max !== undefined;
    return {
      ...base,
      watch,
      control: number ? 'number' : 'readout',
      settable,
      state: read((raw) => (typeof raw === 'number' ? raw : asEntityValue(raw))),
      ...(unit !== undefined ? { unit } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(step !== undefined ? { step } : {}),
      ...(settable ? { command: (r: CommandRequest) => send(expectSet(r, () => numberValue(r, name))) } : {}),
    };
  }
  const values = Array.isArray(expose.values) ? expose.values.map(String) : undefined;
  const select = settable && expose.type === 'enum' && values !== undefined;
  return {
    ...base,
    watch,
    control: select ? 'select' : 'readout',
    settable,
    state: read((raw) => asEntityValue(raw)),
    ...(values ? { options: values } : {}),
    ...(settable ? { command: (r: CommandRequest) => send(expectSet(r, () => String(r.value ?? ''))) } : {}),
  };
}

function addLightFeature(context: Context, light: EntityDefinition, feature: Json, field: 'brightness' | 'colorTemp') {
  const property = String(feature.property ?? feature.name);
  const max = typeof feature.value_max === 'number' ? feature.value_max : 254;
  if (field === 'brightness') light.brightnessMax = max;
  else
    light.colorTemp = {
      min: typeof feature.value_min === 'number' ? feature.value_min : 150,
      max: typeof feature.value_max === 'number' ? feature.value_max : 500,
    };
  light.state.push({
    topic: context.topic,
    apply: (payload) => {
      const value = readProperty(payload, property, (raw) => (typeof raw === 'number' ? raw : null));
      return 'value' in value ? { [field]: value.value } : {};
    },
  });
  const toggle = light.command!;
  light.command = (request) => {
    if (request.action !== 'set' || request.feature !== field) return toggle(request);
    return {
      topic: `${context.topic}/set`,
      payload: JSON.stringify({ [property]: Math.round(numberValue(request, field)) }),
      qos: 0,
      retain: false,
    };
  };
}

function cover(context: Context, feature: Json): EntityDefinition {
  const property = typeof feature.property === 'string' ? feature.property : 'state';
  const values = Array.isArray(feature.values) ? feature.values.map(String) : ['OPEN', 'CLOSE', 'STOP'];
  const settable = typeof feature.access === 'number' && (feature.access & ACCESS_SET) !== 0;
  return {
    id: `${context.device.id}:${property}`,
    name: context.device.name,
    component: 'cover',
    control: 'cover',
    settable,
    availability: context.availability,
    state: [
      {
        topic: context.topic,
        apply: (payload) => readProperty(payload, property, (raw) => asEntityValue(raw)),
      },
    ],
    command: (request) => {
      const wanted = { open: 'OPEN', close: 'CLOSE', stop: 'STOP' }[request.action as 'open' | 'close' | 'stop'];
      if (!wanted || !values.includes(wanted)) throw new CommandError(`a cover takes ${values.join(', ')}`);
      return { topic: `${context.topic}/set`, payload: JSON.stringify({ [property]: wanted }), qos: 0, retain: false };
    },
  };
}

/** The property's value from a state payload; no change when the payload does not carry it. */
function readProperty(
  payload: string,
  property: string,
  convert: (raw: unknown) => EntityValue,
): { value?: EntityValue } {
  const body: unknown = JSON.parse(payload);
  if (!isObject(body)) throw new Error('the state is not a JSON object');
  return Object.hasOwn(body, property) ? { value: convert(body[property]) } : {};
}

function toggleValue(request: CommandRequest, on: unknown, off: unknown, toggle: unknown): unknown {
  if (request.action === 'turn_on') return on;
  if (request.action === 'turn_off') return off;
  if (request.action === 'toggle' && toggle !== undefined) return toggle;
  throw new CommandError(`a toggle takes turn_on or turn_off, not ${request.action}`);
}

function expectSet<T>(request: CommandRequest, value: () => T): T {
  if (request.action !== 'set') throw new CommandError(`this control takes set, not ${request.action}`);
  return value();
}
