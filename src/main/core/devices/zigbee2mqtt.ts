// Zigbee2MQTT's device list (`<base>/bridge/devices`, retained) read as entities: one per expose (binary,
// numeric, enum, text) and per feature of the composite ones (light, switch, lock, cover, climate, fan), with
// the `access` bits saying what can be read (1) and set (2). A light's brightness, colour temperature and colour
// (color_xy / color_hs) and a cover's position are controls of the light's or cover's own entity, not entities
// of their own. State arrives as JSON on `<base>/<friendly_name>`, commands go to `<base>/<friendly_name>/set`,
// availability on `<base>/<friendly_name>/availability` as `online` or `{"state":"online"}`.
import { isObject, type Json } from './abbreviations.ts';
import { readColour, rgbToHex } from './colour.ts';
import type { DeviceInfo } from './device-info.ts';
import {
  asEntityValue,
  colourValue,
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
  const colour = features.find((f) => f.name === 'color_xy' || f.name === 'color_hs');
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
      if (type === 'light' && colour) {
        used.add(colour);
        addLightColour(context, toggle, colour);
      }
      out.push(toggle);
    }
  }
  if (type === 'cover') {
    const coverState = features.find((f) => f.name === 'state' && f.type === 'enum');
    const position = features.find((f) => f.name === 'position' && f.type === 'numeric');
    if (coverState) {
      used.add(coverState);
      if (position) used.add(position);
      out.push(cover(context, coverState, position));
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

/**
 * color_xy or color_hs: the state's colour object (read by its color_mode) shown as #rrggbb; a colour is sent
 * as `{"color":{"hex":"#rrggbb"}}`, which Zigbee2MQTT converts for either kind of light.
 */
function addLightColour(context: Context, light: EntityDefinition, feature: Json) {
  const property = typeof feature.property === 'string' ? feature.property : 'color';
  light.color = true;
  light.state.push({
    topic: context.topic,
    apply: (payload) => {
      const body: unknown = JSON.parse(payload);
      if (!isObject(body) || !Object.hasOwn(body, property)) return {};
      const colour = readColour(body[property], body.color_mode);
      return colour ? { color: rgbToHex(colour) } : {};
    },
  });
  const next = light.command!;
  light.command = (request) => {
    if (request.action !== 'set' || request.feature !== 'color') return next(request);
    const hex = rgbToHex(colourValue(request));
    return { topic: `${context.topic}/set`, payload: JSON.stringify({ [property]: { hex } }), qos: 0, retain: false };
  };
}

function cover(context: Context, feature: Json, position: Json | undefined): EntityDefinition {
  const property = typeof feature.property === 'string' ? feature.property : 'state';
  const values = Array.isArray(feature.values) ? feature.values.map(String) : ['OPEN', 'CLOSE', 'STOP'];
  const settable = typeof feature.access === 'number' && (feature.access & ACCESS_SET) !== 0;
  const positionProperty = typeof position?.property === 'string' ? position.property : 'position';
  const positionSettable = typeof position?.access === 'number' && (position.access & ACCESS_SET) !== 0;
  return {
    id: `${context.device.id}:${property}`,
    name: context.device.name,
    component: 'cover',
    control: 'cover',
    settable: settable || positionSettable,
    availability: context.availability,
    ...(position ? { position: { settable: positionSettable } } : {}),
    ...(!settable && positionSettable ? { positionOnly: true as const } : {}),
    state: [
      {
        topic: context.topic,
        apply: (payload) => readProperty(payload, property, (raw) => asEntityValue(raw)),
      },
      ...(position
        ? [
            {
              topic: context.topic,
              apply: (payload: string) => {
                const read = readProperty(payload, positionProperty, (raw) => (typeof raw === 'number' ? raw : null));
                return 'value' in read ? { position: read.value as number | null } : {};
              },
            },
          ]
        : []),
    ],
    command: (request) => {
      if (request.action === 'set' && request.feature === 'position' && positionSettable) {
        const percent = Math.round(Math.min(100, Math.max(0, numberValue(request, 'a position'))));
        const payload = JSON.stringify({ [positionProperty]: percent });
        return { topic: `${context.topic}/set`, payload, qos: 0, retain: false };
      }
      const wanted = { open: 'OPEN', close: 'CLOSE', stop: 'STOP' }[request.action as 'open' | 'close' | 'stop'];
      if (!settable) throw new CommandError('this cover only takes a position');
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
