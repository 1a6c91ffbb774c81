// Home Assistant's MQTT light in its two common schemas: `default` (separate topics for on/off, brightness,
// colour temperature and colour, each with its templates) and `json` (one JSON document each way). Brightness
// is kept on the light's own scale (brightness_scale, default 255); colour temperature in mireds; colour as
// #rrggbb, sent as rgb, else hs, else xy, whichever the light takes.
import { ConfigError, HaConfig } from './ha-config.ts';
import { expectAction, sender } from './ha-command.ts';
import { numberList, readColour, rgbToHex, rgbToHs, rgbToXy, type Hs, type Rgb, type Xy } from './colour.ts';
import {
  colourValue,
  numberValue,
  type CommandRequest,
  type EntityDefinition,
  type EntityState,
  type Publish,
  type StateBinding,
} from './entity.ts';

type LightParts = Omit<EntityDefinition, 'id' | 'name' | 'component' | 'availability'>;

const DEFAULT_MIN_MIREDS = 153;
const DEFAULT_MAX_MIREDS = 500;

export function haLight(config: HaConfig): LightParts {
  const schema = config.string('schema', 'default');
  if (schema === 'json') return jsonLight(config);
  if (schema !== 'default' && schema !== 'basic') throw new ConfigError(`light schema "${schema}" is not supported`);
  return defaultLight(config);
}

function colorTempRange(config: HaConfig) {
  return {
    min: config.number('min_mireds', DEFAULT_MIN_MIREDS),
    max: config.number('max_mireds', DEFAULT_MAX_MIREDS),
  };
}

function defaultLight(config: HaConfig): LightParts {
  const on = config.string('payload_on', 'ON');
  const off = config.string('payload_off', 'OFF');
  const sendOnOff = sender(config, 'command_topic', 'command_template');
  const sendBrightness = config.topic('brightness_command_topic')
    ? sender(config, 'brightness_command_topic', 'brightness_command_template')
    : null;
  const sendColorTemp = config.topic('color_temp_command_topic')
    ? sender(config, 'color_temp_command_topic', 'color_temp_command_template')
    : null;
  const state: StateBinding[] = [];
  const stateTopic = config.topic('state_topic');
  if (stateTopic) {
    const read = config.reader(
      config.raw.state_value_template !== undefined ? 'state_value_template' : 'value_template',
    );
    state.push({
      topic: stateTopic,
      apply: (payload) => {
        const text = String(read(payload));
        return { value: text === on ? true : text === off ? false : null };
      },
    });
  }
  const numeric = (topicKey: string, templateKey: string, field: 'brightness' | 'colorTemp') => {
    const topic = config.topic(topicKey);
    if (!topic) return;
    const read = config.reader(templateKey);
    state.push({ topic, apply: (payload) => ({ [field]: numberOrNull(read(payload)) }) });
  };
  numeric('brightness_state_topic', 'brightness_value_template', 'brightness');
  numeric('color_temp_state_topic', 'color_temp_value_template', 'colorTemp');
  const sendColour = defaultColour(config, state);
  const scale = config.number('brightness_scale', 255);
  return {
    control: 'toggle',
    settable: true,
    state,
    ...(sendBrightness ? { brightnessMax: scale } : {}),
    ...(sendColorTemp ? { colorTemp: colorTempRange(config) } : {}),
    ...(sendColour ? { color: true } : {}),
    command: (request) => {
      if (request.action === 'set' && request.feature === 'color' && sendColour) {
        return sendColour(colourValue(request));
      }
      if (request.action === 'set' && request.feature === 'brightness' && sendBrightness) {
        return sendBrightness(Math.round(clamp(numberValue(request, 'brightness'), 0, scale)));
      }
      if (request.action === 'set' && request.feature === 'colorTemp' && sendColorTemp) {
        return sendColorTemp(Math.round(numberValue(request, 'colour temperature')));
      }
      expectAction(request, ['turn_on', 'turn_off'], 'this light');
      return sendOnOff(request.action === 'turn_on' ? on : off);
    },
  };
}

/**
 * The default schema's colour: each of rgb_state_topic ("r,g,b"), hs_state_topic ("h,s") and xy_state_topic
 * ("x,y"), through its value template, sets the colour; the command goes to the first of rgb, hs and xy
 * command topics, as HA writes it, with the variables HA gives its template (red/green/blue, hue/sat, x/y).
 */
function defaultColour(config: HaConfig, state: StateBinding[]): ((rgb: Rgb) => Publish) | null {
  const reads = [
    { kind: 'rgb', keys: ['r', 'g', 'b'] },
    { kind: 'hs', keys: ['h', 's'] },
    { kind: 'xy', keys: ['x', 'y'] },
  ];
  for (const { kind, keys } of reads) {
    const topic = config.topic(`${kind}_state_topic`);
    if (!topic) continue;
    const read = config.reader(`${kind}_value_template`);
    state.push({
      topic,
      apply: (payload) => {
        const text = String(read(payload));
        const numbers = numberList(text, keys.length);
        const colour = numbers && readColour(Object.fromEntries(keys.map((k, i) => [k, numbers[i]])));
        if (!colour) throw new Error(`"${text}" is not a colour (${keys.join(',')})`);
        return { color: rgbToHex(colour) };
      },
    });
  }
  const command = (kind: string) =>
    config.topic(`${kind}_command_topic`) ? sender(config, `${kind}_command_topic`, `${kind}_command_template`) : null;
  const rgb = command('rgb');
  if (rgb) return (c) => rgb(`${c.r},${c.g},${c.b}`, { red: c.r, green: c.g, blue: c.b });
  const hs = command('hs');
  if (hs)
    return (c) => {
      const { h, s } = rgbToHs(c);
      return hs(`${h},${s}`, { hue: h, sat: s });
    };
  const xy = command('xy');
  if (xy)
    return (c) => {
      const { x, y } = rgbToXy(c);
      return xy(`${x},${y}`, { x, y });
    };
  return null;
}

/** The JSON schema's colour modes Herald sends, in the order it prefers them. */
const JSON_COLOUR_MODES = ['rgb', 'hs', 'xy'] as const;

function jsonLight(config: HaConfig): LightParts {
  const topic = config.requiredTopic('command_topic');
  const qos = config.qos();
  const retain = config.boolean('retain', false);
  const modes = config.strings('supported_color_modes') ?? [];
  const hasBrightness = config.boolean('brightness', false) || modes.some((m) => m !== 'onoff');
  const hasColorTemp = config.boolean('color_temp', false) || modes.includes('color_temp');
  const colourMode = JSON_COLOUR_MODES.find((mode) => modes.includes(mode));
  const scale = config.number('brightness_scale', 255);
  const stateTopic = config.topic('state_topic');
  const state: StateBinding[] = stateTopic ? [{ topic: stateTopic, apply: readJsonState }] : [];
  const publish = (body: Record<string, unknown>): Publish => ({ topic, payload: JSON.stringify(body), qos, retain });
  return {
    control: 'toggle',
    settable: true,
    state,
    ...(hasBrightness ? { brightnessMax: scale } : {}),
    ...(hasColorTemp ? { colorTemp: colorTempRange(config) } : {}),
    ...(colourMode ? { color: true } : {}),
    command: (request: CommandRequest) => {
      if (request.action === 'set' && request.feature === 'color' && colourMode) {
        return publish({ state: 'ON', color: jsonColour(colourMode, colourValue(request)) });
      }
      if (request.action === 'set' && request.feature === 'brightness' && hasBrightness) {
        return publish({ state: 'ON', brightness: Math.round(clamp(numberValue(request, 'brightness'), 0, scale)) });
      }
      if (request.action === 'set' && request.feature === 'colorTemp' && hasColorTemp) {
        return publish({ state: 'ON', color_temp: Math.round(numberValue(request, 'colour temperature')) });
      }
      expectAction(request, ['turn_on', 'turn_off'], 'this light');
      return publish({ state: request.action === 'turn_on' ? 'ON' : 'OFF' });
    },
  };
}

function readJsonState(payload: string): Partial<EntityState> {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    throw new Error('the light state is not JSON');
  }
  if (typeof body !== 'object' || body === null) throw new Error('the light state is not a JSON object');
  const fields = body as Record<string, unknown>;
  const change: Partial<EntityState> = {};
  if (fields.state === 'ON' || fields.state === 'OFF') change.value = fields.state === 'ON';
  if (typeof fields.brightness === 'number') change.brightness = fields.brightness;
  if (typeof fields.color_temp === 'number') change.colorTemp = fields.color_temp;
  const colour = readColour(fields.color, fields.color_mode);
  if (colour) change.color = rgbToHex(colour);
  return change;
}

/** A colour as the JSON schema's `color` for a mode: {r,g,b}, {h,s} or {x,y}. */
function jsonColour(mode: (typeof JSON_COLOUR_MODES)[number], colour: Rgb): Rgb | Hs | Xy {
  if (mode === 'rgb') return colour;
  return mode === 'hs' ? rgbToHs(colour) : rgbToXy(colour);
}

function numberOrNull(value: unknown): number | null {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
