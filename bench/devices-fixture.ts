// The devices benches' broker content: N Home Assistant switch configs (ten to a device, `~` base topics) and a
// state for each, published retained at QoS 1 by an mqtt.js client, as a home's discovery flood looks.
import mqtt, { type MqttClient } from 'mqtt';

export const PER_DEVICE = 10;
/** In-flight QoS 1 publishes, under Mosquitto's default max_inflight_messages of 20. */
const WINDOW = 20;

export interface Publish {
  topic: string;
  payload: string;
}

export const switchBase = (i: number) => `bench/sw${i}`;
export const switchName = (i: number) => `Switch ${i}`;
export const deviceName = (device: number) => `Bench device ${device}`;

export function discoveryConfig(i: number): Publish {
  const device = Math.floor(i / PER_DEVICE);
  return {
    topic: `homeassistant/switch/bench_sw${i}/config`,
    payload: JSON.stringify({
      '~': switchBase(i),
      name: switchName(i),
      uniq_id: `bench_sw_${i}`,
      cmd_t: '~/set',
      stat_t: '~/state',
      dev: { ids: [`bench_dev_${device}`], name: deviceName(device) },
    }),
  };
}

/** Every switch's config, then an OFF state for each. */
export function discoveryFlood(count: number): Publish[] {
  const messages = Array.from({ length: count }, (_, i) => discoveryConfig(i));
  for (let i = 0; i < count; i++) messages.push({ topic: `${switchBase(i)}/state`, payload: 'OFF' });
  return messages;
}

export async function connectClient(url: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, clean: true, reconnectPeriod: 0 });
  (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  return client;
}

/** Publishes every message retained at QoS 1, with a bounded window in flight. */
export async function publishRetained(client: MqttClient, messages: Publish[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const { topic, payload } = messages[next++]!;
      await client.publishAsync(topic, payload, { qos: 1, retain: true });
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
}

export function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
