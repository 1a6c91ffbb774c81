// Home Assistant's MQTT components as entities: what each one shows, how its state topics are read and its
// commands are built, with the defaults Home Assistant documents for each (payload_on "ON", min 1, ...).
import type { EntityControl } from '../../../shared/commands/devices.ts';
import { ConfigError, HaConfig } from './ha-config.ts';
import { haLight } from './ha-light.ts';
import { expectAction, sender } from './ha-command.ts';
import {
  CommandError,
  numberValue,
  type CommandRequest,
  type EntityDefinition,
  asEntityValue,
  ruleLiteral,
  rulePath,
  type EntityValue,
  type Publish,
  type StateBinding,
} from './entity.ts';

export const HA_COMPONENTS = [
  'switch',
  'light',
  'button',
  'sensor',
  'binary_sensor',
  'number',
  'select',
  'cover',
  'lock',
] as const;

/** The parts every component shares; `build` adds the component's own. */
export interface EntityBase {
  id: string;
  name: string;
  component: string;
}

type Parts = Omit<EntityDefinition, 'id' | 'name' | 'component' | 'availability'>;

/** null: a component Herald does not drive. Throws ConfigError for a config it cannot use. */
export function haEntity(base: EntityBase, config: HaConfig): EntityDefinition | null {
  const build = BUILDERS[base.component];
  if (!build) return null;
  const parts = build(config);
  const availability = config.availability();
  return { ...base, ...parts, ...(availability ? { availability } : {}) };
}

const BUILDERS: Record<string, (config: HaConfig) => Parts> = {
  switch: (config) => onOff(config, { on: 'payload_on', off: 'payload_off' }, ['ON', 'OFF']),
  lock: (config) =>
    onOff(config, { on: 'payload_lock', off: 'payload_unlock' }, ['LOCK', 'UNLOCK'], lockStates(config)),
  light: haLight,
  button: (config) => {
    const press = config.string('payload_press', 'PRESS');
    const send = sender(config, 'command_topic', 'command_template');
    return {
      control: 'press',
      settable: true,
      state: [],
      command: (request) => {
        expectAction(request, ['press'], 'a button');
        return send(press);
      },
    };
  },
  sensor: (config) => ({
    ...readout(config, asEntityValue),
    ...(config.string('unit_of_measurement') !== undefined ? { unit: config.string('unit_of_measurement') } : {}),
  }),
  binary_sensor: (config) => {
    const on = config.string('payload_on', 'ON');
    const off = config.string('payload_off', 'OFF');
    return readout(
      config,
      (value) => {
        const text = String(value);
        return text === on ? true : text === off ? false : null;
      },
      (value) => (value === true ? on : value === false ? off : value),
    );
  },
  number: (config) => {
    const min = config.number('min', 1);
    const max = config.number('max', 100);
    const step = config.number('step', 1);
    if (!(min <= max)) throw new ConfigError(`min (${min}) is above max (${max})`);
    const send = sender(config, 'command_topic', 'command_template');
    const unit = config.string('unit_of_measurement');
    return {
      ...readout(config, (value) => toNumber(value)),
      control: 'number',
      settable: true,
      min,
      max,
      step,
      ...(unit !== undefined ? { unit } : {}),
      command: (request) => {
        expectAction(request, ['set'], 'a number');
        const value = numberValue(request, 'a number');
        if (value < min || value > max) throw new CommandError(`${value} is outside ${min}..${max}`);
        return send(value);
      },
    };
  },
  select: (config) => {
    const options = config.strings('options');
    if (!options || options.length === 0) throw new ConfigError('options is required');
    const send = sender(config, 'command_topic', 'command_template');
    return {
      ...readout(config, (value) => String(value)),
      control: 'select',
      settable: true,
      options,
      command: (request) => {
        expectAction(request, ['set'], 'a select');
        const value = String(request.value ?? '');
        if (!options.includes(value)) throw new CommandError(`"${value}" is not one of the options`);
        return send(value);
      },
    };
  },
  cover: (config) => {
    const payloads = {
      open: config.string('payload_open', 'OPEN'),
      close: config.string('payload_close', 'CLOSE'),
      stop: config.string('payload_stop', 'STOP'),
    };
    const states = new Map<string, string>([
      [config.string('state_open', 'open'), 'open'],
      [config.string('state_opening', 'opening'), 'opening'],
      [config.string('state_closed', 'closed'), 'closed'],
      [config.string('state_closing', 'closing'), 'closing'],
      [config.string('state_stopped', 'stopped'), 'stopped'],
    ]);
    const hasCommand = config.topic('command_topic') !== undefined;
    const send = hasCommand ? sender(config, 'command_topic', 'command_template') : null;
    const parts = readout(config, (value) => states.get(String(value)) ?? String(value));
    const position = coverPosition(config, parts.state);
    return {
      ...parts,
      control: 'cover',
      settable: send !== null || position?.send !== undefined,
      ...(position ? { position: { settable: position.send !== undefined } } : {}),
      ...(send === null && position?.send ? { positionOnly: true as const } : {}),
      command: (request: CommandRequest) => {
        if (request.action === 'set' && request.feature === 'position' && position?.send) {
          return position.send(numberValue(request, 'a position'));
        }
        expectAction(request, ['open', 'close', 'stop'], 'a cover');
        if (!send) throw new CommandError('this cover only takes a position (it has no command_topic)');
        return send(payloads[request.action as 'open' | 'close' | 'stop']);
      },
    };
  },
};

/**
 * A cover's position_topic (through position_template) read as percent open, position_closed..position_open
 * (default 0..100) mapped to 0..100; a percentage sent to set_position_topic mapped back, through
 * set_position_template with the variables HA gives it (position, position_open, position_closed).
 */
function coverPosition(config: HaConfig, state: StateBinding[]): { send?: (percent: number) => Publish } | null {
  const topic = config.topic('position_topic');
  const setTopic = config.topic('set_position_topic');
  if (!topic && !setTopic) return null;
  const open = config.number('position_open', 100);
  const closed = config.number('position_closed', 0);
  if (open === closed) throw new ConfigError('position_open and position_closed are the same');
  if (topic) {
    const read = config.reader('position_template');
    state.push({
      topic,
      apply: (payload) => {
        const raw = read(payload);
        const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
        if (String(raw).trim() === '' || !Number.isFinite(number))
          throw new Error(`"${String(raw)}" is not a position`);
        return { position: Math.round(Math.min(100, Math.max(0, ((number - closed) / (open - closed)) * 100))) };
      },
    });
  }
  if (!setTopic) return {};
  const send = sender(config, 'set_position_topic', 'set_position_template');
  return {
    send: (percent) => {
      const position = Math.round(closed + (Math.min(100, Math.max(0, percent)) / 100) * (open - closed));
      return send(position, { position, position_open: open, position_closed: closed });
    },
  };
}

/** switch and lock: on/off payloads out, state_on/state_off (defaulting to the payloads) in. */
function onOff(
  config: HaConfig,
  keys: { on: string; off: string },
  defaults: [string, string],
  states?: { on: string; off: string },
): Parts {
  const on = config.string(keys.on, defaults[0]);
  const off = config.string(keys.off, defaults[1]);
  const stateOn = states?.on ?? config.string('state_on', on);
  const stateOff = states?.off ?? config.string('state_off', off);
  const send = sender(config, 'command_topic', 'command_template');
  const parts = readout(
    config,
    (value) => {
      const text = String(value);
      return text === stateOn ? true : text === stateOff ? false : null;
    },
    (value) => (value === true ? stateOn : value === false ? stateOff : value),
  );
  return {
    ...parts,
    control: 'toggle' satisfies EntityControl,
    settable: true,
    command: (request) => {
      expectAction(request, ['turn_on', 'turn_off'], 'a toggle');
      return send(request.action === 'turn_on' ? on : off);
    },
  };
}

function lockStates(config: HaConfig): { on: string; off: string } {
  return { on: config.string('state_locked', 'LOCKED'), off: config.string('state_unlocked', 'UNLOCKED') };
}

/** A read-only entity whose state_topic (through value_template) gives its value. */
function readout(
  config: HaConfig,
  convert: (value: unknown) => EntityValue,
  /** An entity value back to what the payload says (on/off entities); the value itself otherwise. */
  encode: (value: EntityValue) => unknown = (value) => value,
): Parts {
  const topic = config.topic('state_topic');
  const read = config.reader('value_template');
  const state: StateBinding[] = topic ? [{ topic, apply: (payload) => ({ value: convert(read(payload)) }) }] : [];
  const path = templatePath(config.string('value_template'));
  const watch =
    topic && path ? { topic, path, literal: (value: EntityValue) => ruleLiteral(encode(value)) } : undefined;
  return { control: 'readout', settable: false, state, ...(watch ? { watch } : {}) };
}

/**
 * The rule path a value template reads, for the templates a rule can follow: none (the payload), `{{ value }}`,
 * `{{ value_json.a.b }}` or `{{ value_json['a'] }}`, with filters such as `| float`; null for anything else.
 */
function templatePath(template: string | undefined): string | null {
  if (template === undefined) return '$';
  const match = /^\{\{\s*(value|value_json((?:\.[A-Za-z_]\w*|\[(?:'[^']*'|"[^"]*")\])+))\s*(?:\|[^{}]*)?\}\}$/.exec(
    template.trim(),
  );
  if (!match) return null;
  if (match[1] === 'value') return '$';
  const steps = [...match[2]!.matchAll(/\.([A-Za-z_]\w*)|\[(?:'([^']*)'|"([^"]*)")\]/g)];
  return steps.reduce((path, step) => {
    const name = step[1] ?? step[2] ?? step[3]!;
    return rulePath(name).replace(/^\$/, () => path);
  }, '$');
}

function toNumber(value: unknown): number | string | null {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(number) && String(value).trim() !== '' ? number : String(value);
}
