// Device-based discovery as Home Assistant documents it: shared options at the top (state topic, availability,
// `~`) apply to every component, `{ "p": "<platform>" }` alone removes a component, and a component without a
// platform is an error on that entity only.
import { describe, expect, it } from 'vitest';
import { parseDiscoveryTopic, readDiscovery } from '../../../../src/main/core/devices/ha-discovery.ts';
import { emptyState } from '../../../../src/main/core/devices/entity.ts';

const where = parseDiscoveryTopic('homeassistant', 'homeassistant/device/hall/config')!;

describe('readDiscovery, device configs', () => {
  it('gives every component the shared options and the device', () => {
    const { entities, unknown } = readDiscovery(
      'src',
      where,
      JSON.stringify({
        dev: { ids: ['hall-1'], name: 'Hall sensor', sa: 'Hall' },
        '~': 'hall/1',
        stat_t: '~/state',
        avty_t: '~/lwt',
        cmps: {
          t: { p: 'sensor', name: 'Temperature', val_tpl: '{{ value_json.t }}' },
          m: { p: 'binary_sensor', name: 'Motion', stat_t: '~/motion' },
          gone: { p: 'sensor' },
          bad: { name: 'No platform' },
          fan: { p: 'fan', name: 'Fan' },
        },
      }),
    );
    expect(unknown).toEqual(['fan']);
    const byName = Object.fromEntries(entities.map((e) => [e.definition.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['Motion', 'No platform', 'Temperature']);
    expect(byName.Temperature!.definition.state.map((s) => s.topic)).toEqual(['hall/1/state']);
    expect(byName.Motion!.definition.state.map((s) => s.topic)).toEqual(['hall/1/motion']);
    expect(byName.Temperature!.definition.availability?.topics.map((t) => t.topic)).toEqual(['hall/1/lwt']);
    expect(byName['No platform']!.definition.error).toBe('p (platform) is required');
    expect(new Set(entities.map((e) => e.device.id)).size).toBe(1);
    expect(entities[0]!.device).toMatchObject({ name: 'Hall sensor', area: 'Hall' });
  });

  it('reads a state through the component template and keeps a name of null as the device name', () => {
    const single = parseDiscoveryTopic('homeassistant', 'homeassistant/sensor/plug/power/config')!;
    const { entities } = readDiscovery(
      'src',
      single,
      JSON.stringify({
        name: null,
        stat_t: 'plug/power',
        val_tpl: '{{ value | float }}',
        dev: { ids: 'p', name: 'Plug' },
      }),
    );
    const [entity] = entities;
    expect(entity!.definition.name).toBe('Plug');
    expect(entity!.definition.state[0]!.apply(' 12.5 ', emptyState())).toEqual({
      value: 12.5,
    });
  });
});
