// Commands and shapes of the Devices page: what Home Assistant MQTT discovery and Zigbee2MQTT announced on
// each MQTT source, with live state, and the commands that drive them.
import { z } from 'zod';
import { Empty } from './common.ts';

/** How an entity is shown and driven. */
export const EntityControl = z.enum([
  'toggle', // switch, light (on/off), lock (locked/unlocked): role switch
  'press', // button
  'number', // slider with its unit
  'select', // one of `options`
  'cover', // open / stop / close
  'readout', // sensor, binary_sensor, anything read-only
]);
export type EntityControl = z.infer<typeof EntityControl>;

export const EntityView = z.object({
  /** Stable across restarts: source, origin and the entity's own key. */
  id: z.string(),
  name: z.string(),
  /** The HA component (switch, light, ...) or the Zigbee2MQTT expose type. */
  component: z.string(),
  control: EntityControl,
  /** Whether Herald can send commands to it. */
  settable: z.boolean(),
  /** The state as read from its state topic: on/off for toggles, a number or text otherwise; null: not seen yet. */
  value: z.union([z.boolean(), z.number(), z.string()]).nullable(),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().optional(),
  options: z.array(z.string()).optional(),
  /** Lights: brightness on the light's own scale (0..max) and colour temperature in mireds. */
  brightness: z.object({ value: z.number().nullable(), max: z.number() }).optional(),
  colorTemp: z.object({ value: z.number().nullable(), min: z.number(), max: z.number() }).optional(),
  /** Lights with colour: the colour as `#rrggbb` (read from hs or xy at full brightness; brightness is apart). */
  color: z.object({ value: z.string().nullable() }).optional(),
  /** Covers with a position: open percentage (0 closed, 100 open); settable when a position can be sent. */
  position: z.object({ value: z.number().nullable(), settable: z.boolean() }).optional(),
  /** Covers that take only a position: no open, stop and close buttons. */
  positionOnly: z.boolean().optional(),
  /** Why the entity's config or its last state could not be used. */
  error: z.string().optional(),
  /** A rule can follow its state: "Notify me when …" (devices.alert) is offered. */
  alertable: z.boolean().optional(),
});
export type EntityView = z.infer<typeof EntityView>;

export const DeviceView = z.object({
  id: z.string(),
  sourceId: z.string(),
  origin: z.enum(['homeassistant', 'zigbee2mqtt']),
  name: z.string(),
  /** HA's suggested_area, where the device announces one. */
  area: z.string().optional(),
  model: z.string().optional(),
  manufacturer: z.string().optional(),
  /** false: its availability topic says offline; null: it announces no availability (or none seen yet). */
  available: z.boolean().nullable(),
  /** When a state or availability message of the device last arrived (ms since epoch); null: never. */
  lastSeen: z.number().nullable(),
  entities: z.array(EntityView),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** A discovery config of a component Herald does not drive (listed, not fatal). */
export const UnknownComponent = z.object({ sourceId: z.string(), topic: z.string(), component: z.string() });
export type UnknownComponent = z.infer<typeof UnknownComponent>;

/**
 * What a `set` changes other than the entity's value: a light's brightness, colour temperature or colour, a
 * cover's position.
 */
export const EntityFeature = z.enum(['brightness', 'colorTemp', 'color', 'position']);
export type EntityFeature = z.infer<typeof EntityFeature>;

export const DeviceAction = z.enum(['turn_on', 'turn_off', 'toggle', 'press', 'set', 'open', 'close', 'stop']);
export type DeviceAction = z.infer<typeof DeviceAction>;

export const deviceCommands = {
  /** Every discovered device with its entities and their last state, and the components Herald skipped. */
  'devices.list': {
    request: Empty,
    response: z.object({ devices: z.array(DeviceView), unknown: z.array(UnknownComponent) }),
  },
  /**
   * Drives one entity: turn_on/turn_off/toggle (switch, light, lock), press (button), set (number, select,
   * a light's brightness, colour temperature or colour (`#rrggbb`) with `feature`, a cover's position in
   * percent with `feature: 'position'`), open/close/stop (cover). Resolves once
   * the command is published; the state topic confirms it later (devices.changed).
   */
  'devices.command': {
    request: z
      .object({
        entityId: z.string().min(1),
        action: DeviceAction,
        value: z.union([z.number(), z.string()]).optional(),
        feature: EntityFeature.optional(),
      })
      .strict(),
    response: z.object({ topic: z.string(), payload: z.string() }),
  },
  /**
   * "Notify me when …": a rule that notifies, with the device's name, once the entity's value has met the
   * condition for `forMinutes` (e.g. a door open for 5 minutes, a battery below 15 for 10). Returns its name.
   */
  'devices.alert': {
    request: z
      .object({
        entityId: z.string().min(1),
        op: z.enum(['==', '!=', '<', '<=', '>', '>=']),
        value: z.union([z.boolean(), z.number(), z.string().min(1).max(200)]),
        forMinutes: z.number().min(0).max(10_080),
      })
      .strict(),
    response: z.object({ rule: z.string() }),
  },
} as const;

/** Devices whose entities, state or availability changed (whole devices), and devices that are gone. */
export const DevicesChanged = z.object({ devices: z.array(DeviceView), removed: z.array(z.string()) });
export type DevicesChanged = z.infer<typeof DevicesChanged>;
