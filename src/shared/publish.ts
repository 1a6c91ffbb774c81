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
