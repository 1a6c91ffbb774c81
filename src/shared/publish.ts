// What Herald sends: one definition for the Publish panel, saved buttons, device controls and `herald publish`.
// MQTT sources publish to a topic; WebSocket sources send the payload as a text frame (topic ignored).
import { z } from 'zod';

/** MQTT 5 PUBLISH properties a user can set; ignored (with a note in the result) on MQTT 3.1.1 sources. */
export const PublishProperties = z
  .object({
    contentType: z.string().max(256).optional(),
    responseTopic: z.string().max(65_535).optional(),
    correlationData: z.string().max(65_535).optional(),
    messageExpiryInterval: z.number().int().min(0).max(4_294_967_295).optional(),
    payloadFormatIndicator: z.boolean().optional(),
    userProperties: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type PublishProperties = z.infer<typeof PublishProperties>;

export const PublishRequest = z
  .object({
    sourceId: z.string().min(1),
    /** Required for MQTT sources; no wildcards (+, #), not empty. Unused for WebSocket sources. */
    topic: z.string().max(65_535).default(''),
    payload: z.string().max(16 * 1024 * 1024),
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    retain: z.boolean().default(false),
    properties: PublishProperties.optional(),
  })
  .strict();
export type PublishRequest = z.output<typeof PublishRequest>;
export type PublishInput = z.input<typeof PublishRequest>;

export const PublishResult = z.object({
  /** sent: handed to the connection (and acknowledged for QoS >= 1); queued: the source is offline. */
  outcome: z.enum(['sent', 'queued']),
  /** Queued publishes waiting for this source, after this one. */
  queued: z.number().int().min(0),
  /** Something the user should know, e.g. MQTT 5 properties dropped on an MQTT 3.1.1 source. */
  note: z.string().optional(),
});
export type PublishResult = z.infer<typeof PublishResult>;

/** Core side: publishes for devices, buttons and the contract go through one function of this shape. */
export type Publisher = (request: PublishRequest) => Promise<PublishResult>;

/**
 * The largest payload the Publish panel and `herald publish` send through the WebSocket bridge, whose frames are
 * capped at 1 MiB (the request's JSON around the payload needs the rest). Larger ones are refused with this
 * reason in the UI; `herald publish` sends them over a connection of its own.
 */
export const MAX_BRIDGED_PAYLOAD_BYTES = 960 * 1024;

/** Source kinds Herald can send through; the others only listen. */
export const PUBLISHING_KINDS = ['mqtt', 'websocket'] as const;
export function canPublishTo(kind: string): boolean {
  return (PUBLISHING_KINDS as readonly string[]).includes(kind);
}

/** Why `topic` cannot be published to on MQTT (empty, a wildcard, a NUL), or null when it can. */
export function publishTopicProblem(topic: string): string | null {
  if (topic === '') return 'the topic is empty';
  if (topic.includes('+') || topic.includes('#'))
    return `the topic "${topic}" has a wildcard (+ or #); publish to one topic`;
  if (topic.includes('\u0000')) return 'the topic contains a NUL character';
  return null;
}

/** A publish kept for the Publish panel's history (newest first, the last HISTORY_SIZE). */
export const PublishHistoryEntry = z.object({
  id: z.string(),
  at: z.number(),
  sourceId: z.string(),
  topic: z.string(),
  /** The payload as sent; cut to MAX_HISTORY_PAYLOAD characters (then `truncated`, and it cannot be repeated). */
  payload: z.string(),
  truncated: z.boolean().optional(),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  retain: z.boolean(),
  /** queued: waiting for the source to come back; becomes sent or failed when it does. */
  outcome: z.enum(['sent', 'queued', 'failed']),
  error: z.string().optional(),
  note: z.string().optional(),
  /** The saved button that sent it, if one did. */
  buttonId: z.string().optional(),
});
export type PublishHistoryEntry = z.infer<typeof PublishHistoryEntry>;
export const HISTORY_SIZE = 50;
export const MAX_HISTORY_PAYLOAD = 64 * 1024;

/** A saved button: one click publishes its payload template, expanded, to its topic. */
export const SavedButton = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1, 'the name is empty').max(100),
    sourceId: z.string().min(1, 'choose a source'),
    topic: z.string().max(65_535).default(''),
    /** A template: {{timestamp}} (ISO time), {{uuid}}, {{input}} (asked for at each press). */
    payload: z
      .string()
      .max(1024 * 1024)
      .default(''),
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    retain: z.boolean().default(false),
    /** Also shown in the tray menu. */
    pinned: z.boolean().default(false),
  })
  .strict();
export type SavedButton = z.output<typeof SavedButton>;

const PLACEHOLDER = /\{\{\s*(timestamp|uuid|input)\s*\}\}/g;

/** Whether pressing a button with this payload template asks for a value. */
export function templateNeedsInput(template: string): boolean {
  return /\{\{\s*input\s*\}\}/.test(template);
}

/** The payload a template stands for now. Unknown {{names}} stay as written. */
export function expandTemplate(template: string, values: { now: Date; uuid: () => string; input?: string }): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (name === 'timestamp') return values.now.toISOString();
    if (name === 'uuid') return values.uuid();
    return values.input ?? '';
  });
}
