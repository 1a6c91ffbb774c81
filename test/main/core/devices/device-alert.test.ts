// "Notify me when …" on an entity: the rule watches the entity's state topic at the path its value template
// (Home Assistant) or expose property (Zigbee2MQTT) reads, with the entity's value written the way the device
// sends it, and is a valid rule; an entity whose state a rule cannot follow is refused with the reason.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { checkRulesDocument } from '../../../../src/shared/rules/schema.ts';
import { alertRule } from '../../../../src/main/core/devices/device-alert.ts';
import { DeviceRegistry } from '../../../../src/main/core/devices/device-registry.ts';
import type { IncomingMessage } from '../../../../src/main/core/messages.ts';
import { StoredSource } from '../../../../src/main/core/settings/schema.ts';

const source = StoredSource.parse({
  id: 'home',
  kind: 'mqtt',
  name: 'Home',
  url: 'mqtt://127.0.0.1:1883',
  topics: [{ filter: 'alerts/#', qos: 1 }],
});
const message = (topic: string, payload: unknown): IncomingMessage => ({
  sourceId: 'home',
  sourceName: 'Home',
  topic,
  payload: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  receivedAt: Date.now(),
  properties: { qos: 0, retain: true },
});

function registryWith(...messages: IncomingMessage[]) {
  const registry = new DeviceRegistry({
    source: () => source,
    publish: () => Promise.reject(new Error('not used')),
    onChange: () => {},
  });
  for (const m of messages) registry.consume(m);
  const entity = (name: string) =>
    registry
      .list()
      .devices.flatMap((d) => d.entities)
      .find((e) => e.name === name)!;
  return { registry, entity };
}

const valid = (rule: ReturnType<typeof alertRule>) => checkRulesDocument({ version: 1, rules: [rule] }).ok;

describe('device alerts', () => {
  it('Home Assistant: the template’s JSON path, on/off written as the payload says', () => {
    const { registry, entity } = registryWith(
      message('homeassistant/binary_sensor/door/config', {
        name: 'Contact',
        stat_t: 'home/door/state',
        val_tpl: '{{ value_json.contact }}',
        pl_on: 'false',
        pl_off: 'true',
        dev: { ids: 'door', name: 'Front door' },
      }),
      message('homeassistant/sensor/door-battery/config', {
        name: 'Battery',
        stat_t: 'home/door/state',
        val_tpl: "{{ value_json['battery level'] | float }}",
        dev: { ids: 'door', name: 'Front door' },
      }),
    );
    const door = alertRule(registry.alertTarget(entity('Contact').id), { op: '==', value: true, forMinutes: 5 });
    expect(door).toEqual({
      name: 'Front door: Contact is on for 5 min',
      enabled: true,
      match: { source: 'home', topic: 'home/door/state', value: '$.contact == "false"' },
      for: '300s',
      action: 'notify',
      priority: 4,
    });
    expect(valid(door)).toBe(true);
    const battery = alertRule(registry.alertTarget(entity('Battery').id), { op: '<', value: 15, forMinutes: 10 });
    expect(battery.match).toMatchObject({ value: '$["battery level"] < 15' });
    expect(battery.name).toBe('Front door: Battery below 15 for 10 min');
    expect(valid(battery)).toBe(true);
    // 0 minutes: as the door opens, once, however often it reports open.
    const now = alertRule(registry.alertTarget(entity('Contact').id), { op: '==', value: true, forMinutes: 0 });
    expect(now).toMatchObject({ name: 'Front door: Contact is on', for: '0s' });
    expect(valid(now)).toBe(true);
  });

  it('Home Assistant: a template a rule cannot follow is refused with the reason', () => {
    const { registry, entity } = registryWith(
      message('homeassistant/sensor/power/config', {
        name: 'Power',
        stat_t: 'home/power',
        val_tpl: '{{ (value_json.a * 10) | round }}',
        dev: { ids: 'meter', name: 'Meter' },
      }),
    );
    expect(() => registry.alertTarget(entity('Power').id)).toThrow(/Power: a rule cannot follow its state/);
    expect(() => registry.alertTarget('nope')).toThrow(/not found/);
  });

  it('Zigbee2MQTT: the expose’s property, on/off as its value_on/value_off', () => {
    const devices = [
      {
        ieee_address: '0x01',
        friendly_name: 'hall_door',
        type: 'EndDevice',
        definition: {
          model: 'MCCGQ11LM',
          vendor: 'Aqara',
          exposes: [
            { type: 'binary', name: 'contact', property: 'contact', access: 1, value_on: false, value_off: true },
            { type: 'numeric', name: 'battery', property: 'battery', access: 1, unit: '%' },
          ],
        },
      },
    ];
    const { registry, entity } = registryWith(message('zigbee2mqtt/bridge/devices', devices));
    const contact = alertRule(registry.alertTarget(entity('contact').id), { op: '==', value: true, forMinutes: 2 });
    expect(contact.match).toEqual({ source: 'home', topic: 'zigbee2mqtt/hall_door', value: '$.contact == false' });
    const battery = alertRule(registry.alertTarget(entity('battery').id), { op: '<=', value: 15, forMinutes: 1 });
    expect(battery.match.value).toBe('$.battery <= 15');
    expect(valid(contact) && valid(battery)).toBe(true);
  });
});
