// MQTT: a broker and the topic filters to subscribe to.
import { z } from 'zod';
import { defineKind } from './define.ts';
import { TopicSubscription } from './fields.ts';

export const MqttTls = z.object({
  /** CA certificate(s): PEM text, or a path to a PEM file. */
  ca: z
    .string()
    .max(256 * 1024)
    .optional(),
  /** Client certificate: PEM text or a path (its private key is the secret `tlsKey`). */
  cert: z
    .string()
    .max(256 * 1024)
    .optional(),
  servername: z.string().max(255).optional(),
  /** Accept a server certificate that does not verify. Dangerous; the UI warns. */
  allowUntrusted: z.boolean().default(false),
});

/** A discovery prefix or base topic: one or more topic levels, no wildcards. */
const baseTopic = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .refine(
    (t) => !/[+#]/.test(t) && !t.startsWith('/') && !t.endsWith('/'),
    'a topic without wildcards or outer slashes',
  );

export const MqttDiscovery = z.object({
  homeAssistant: z.boolean().default(true),
  zigbee2mqtt: z.boolean().default(true),
  /** Home Assistant's discovery prefix. */
  prefix: baseTopic.default('homeassistant'),
  /** Zigbee2MQTT's base topic. */
  baseTopic: baseTopic.default('zigbee2mqtt'),
});
export type MqttDiscovery = z.output<typeof MqttDiscovery>;

export const mqtt = defineKind({
  kind: 'mqtt',
  label: 'MQTT',
  url: {
    schemes: ['mqtt', 'mqtts', 'ws', 'wss'],
    example: 'mqtt://broker.example:1883',
    wording: {
      label: 'Broker URL',
      placeholder: 'mqtt://broker.example:1883',
      hint: 'mqtt://, mqtts://, ws:// or wss://',
    },
    implied: ['mqtt', 'mqtts', 'ws', 'wss'],
  },
  fields: {
    username: z.string().max(256).optional(),
    clientId: z.string().max(128).optional(),
    topics: z.array(TopicSubscription).min(1, 'at least one topic is required').max(100),
    /** 4 = MQTT 3.1.1, 5 = MQTT 5. */
    protocolVersion: z.union([z.literal(4), z.literal(5)]).default(4),
    keepalive: z.number().int().min(5).max(3600).default(30),
    /** false keeps a session on the broker: QoS 1/2 messages sent while Herald was off arrive later. */
    clean: z.boolean().default(true),
    /** MQTT 5 session expiry in seconds when clean is false (0 = the default, one day). */
    sessionExpiry: z.number().int().min(0).max(4_294_967_295).default(0),
    tls: MqttTls.optional(),
    /** Devices announced on this broker (Home Assistant MQTT discovery, Zigbee2MQTT), on by default. */
    discovery: MqttDiscovery.prefault({}),
  },
});
export const MqttSettings = mqtt.settings;
