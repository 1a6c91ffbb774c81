// Which discovery a source runs, from its settings, and the topic filters that brings in.
import type { MqttDiscovery } from '../../../shared/sources/mqtt.ts';
import type { StoredSource } from '../settings/schema.ts';

export type DiscoverySettings = MqttDiscovery;

/** The source's discovery settings; null for sources that are not MQTT or run no discovery at all. */
export function discoveryOf(source: StoredSource | undefined): DiscoverySettings | null {
  if (source?.kind !== 'mqtt') return null;
  const settings = source.discovery;
  return settings.homeAssistant || settings.zigbee2mqtt ? settings : null;
}

/** The filters announcements arrive on: HA configs with and without a node id, and Zigbee2MQTT's device list. */
export function discoveryFilters(settings: DiscoverySettings): string[] {
  const filters: string[] = [];
  if (settings.homeAssistant) filters.push(`${settings.prefix}/+/+/config`, `${settings.prefix}/+/+/+/config`);
  if (settings.zigbee2mqtt) filters.push(`${settings.baseTopic}/bridge/devices`);
  return filters;
}
