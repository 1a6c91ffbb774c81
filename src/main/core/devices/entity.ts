// What the registry keeps per entity, whatever announced it (Home Assistant discovery or Zigbee2MQTT): how it
// is shown, which topics carry its state and availability, and how a command becomes a publish.
import { hexToRgb, type Rgb } from './colour.ts';
import type { DeviceAction, EntityControl, EntityFeature, EntityView } from '../../../shared/commands/devices.ts';

export type EntityValue = boolean | number | string | null;

/** The live part of an entity, changed by its state topics. */
export interface EntityState {
  value: EntityValue;
  brightness: number | null;
  colorTemp: number | null;
  /** `#rrggbb`. */
  color: string | null;
  /** Percent open. */
  position: number | null;
  /** Why the last state could not be read (a template that failed); cleared by the next good one. */
  error?: string;
}

/** A state topic of an entity: how one payload changes its state (throws TemplateError when it cannot). */
export interface StateBinding {
  topic: string;
  apply(payload: string, state: EntityState): Partial<EntityState>;
}

/** One availability topic; `read` says online (true), offline (false) or neither (undefined). */
export interface AvailabilityBinding {
  topic: string;
  read(payload: string): boolean | undefined;
}

export interface Availability {
  topics: AvailabilityBinding[];
  /** latest: the last message decides; all: every topic online; any: one is enough. */
  mode: 'latest' | 'all' | 'any';
}

export interface CommandRequest {
  action: DeviceAction;
  value?: number | string;
  feature?: EntityFeature;
}

export interface Publish {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
}

/** Why a command cannot be sent (wrong action for the entity, a command template that failed). */
export class CommandError extends Error {}

/**
 * How a rule can watch the entity (a device alert): the state topic, where the value sits in its payloads (a
 * rule path such as `$.contact`) and how an entity value is written in a rule's condition (on/off back to the
 * payload the device sends).
 */
export interface AlertWatch {
  topic: string;
  path: string;
  literal(value: EntityValue): string;
}

/** A value as a rule condition's literal: numbers and true/false/null as they are, text quoted. */
export function ruleLiteral(raw: unknown): string {
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return String(raw);
  return JSON.stringify(typeof raw === 'string' ? raw : JSON.stringify(raw));
}

/** A JSON property as a rule path: `$.name`, or `$["odd name"]`. */
export function rulePath(property: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(property) ? `$.${property}` : `$[${JSON.stringify(property)}]`;
}

export interface EntityDefinition {
  id: string;
  name: string;
  component: string;
  control: EntityControl;
  settable: boolean;
  unit?: string;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  brightnessMax?: number;
  colorTemp?: { min: number; max: number };
  /** A light whose colour can be read and set. */
  color?: true;
  /** A cover with a position (read from its state; `settable` when a position can be sent). */
  position?: { settable: boolean };
  /** A cover that takes only a position: open, stop and close cannot be sent. */
  positionOnly?: true;
  /** The config could not be used as a whole; the entity is listed with this error and nothing else. */
  error?: string;
  state: StateBinding[];
  /** Absent: its state cannot be watched by a rule (no state topic, or a template too involved to follow). */
  watch?: AlertWatch;
  availability?: Availability;
  command?: (request: CommandRequest) => Publish;
}

export function emptyState(): EntityState {
  return { value: null, brightness: null, colorTemp: null, color: null, position: null };
}

export function entityView(definition: EntityDefinition, state: EntityState): EntityView {
  const view: EntityView = {
    id: definition.id,
    name: definition.name,
    component: definition.component,
    control: definition.control,
    settable: definition.settable,
    value: state.value,
  };
  if (definition.watch) view.alertable = true;
  if (definition.unit !== undefined) view.unit = definition.unit;
  if (definition.min !== undefined) view.min = definition.min;
  if (definition.max !== undefined) view.max = definition.max;
  if (definition.step !== undefined) view.step = definition.step;
  if (definition.options !== undefined) view.options = definition.options;
  if (definition.brightnessMax !== undefined) {
    view.brightness = { value: state.brightness, max: definition.brightnessMax };
  }
  if (definition.colorTemp !== undefined) view.colorTemp = { value: state.colorTemp, ...definition.colorTemp };
  if (definition.color) view.color = { value: state.color };
  if (definition.position) view.position = { value: state.position, ...definition.position };
  if (definition.positionOnly) view.positionOnly = true;
  const error = definition.error ?? state.error;
  if (error !== undefined) view.error = error;
  return view;
}

/** A number from a command's value, or a CommandError saying what was expected. */
export function numberValue(request: CommandRequest, what: string): number {
  const value = typeof request.value === 'string' ? Number(request.value) : request.value;
  if (value === undefined || !Number.isFinite(value)) throw new CommandError(`${what} needs a number`);
  return value;
}

/** A colour from a command's value (`#rrggbb`), or a CommandError saying what was expected. */
export function colourValue(request: CommandRequest): Rgb {
  const colour = typeof request.value === 'string' ? hexToRgb(request.value) : null;
  if (!colour) throw new CommandError(`a colour needs #rrggbb, not ${JSON.stringify(request.value ?? null)}`);
  return colour;
}

/** A template's result as a state: numbers, text and booleans as they are, anything else as JSON text. */
export function asEntityValue(value: unknown): EntityValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
