// Abbreviated discovery keys and the `~` base topic are expanded as Home Assistant documents them.
import { describe, expect, it } from 'vitest';
import { expandAbbreviations, expandBaseTopic } from '../../../../src/main/core/devices/abbreviations.ts';
import { parseDiscoveryTopic } from '../../../../src/main/core/devices/ha-discovery.ts';

describe('expandAbbreviations', () => {
  it('expands entity, device, origin, availability and component keys', () => {
    const expanded = expandAbbreviations({
      stat_t: 's',
      cmd_t: 'c',
      val_tpl: '{{ value }}',
      pl_avail: 'up',
      uniq_id: 'u1',
      unknown_key: 1,
      dev: { ids: ['x'], mf: 'Acme', mdl: 'M', sa: 'Hall', sw: '1.0' },
      o: { name: 'tool', sw: '2', url: 'https://example.com' },
      avty: [{ t: 'a', pl_avail: 'on', pl_not_avail: 'off', val_tpl: '{{ value_json.s }}' }],
      cmps: { one: { p: 'sensor', unit_of_meas: '°C', stat_cla: 'measurement' } },
    });
    expect(expanded).toEqual({
      state_topic: 's',
      command_topic: 'c',
      value_template: '{{ value }}',
      payload_available: 'up',
      unique_id: 'u1',
      unknown_key: 1,
      device: { identifiers: ['x'], manufacturer: 'Acme', model: 'M', suggested_area: 'Hall', sw_version: '1.0' },
      origin: { name: 'tool', sw_version: '2', support_url: 'https://example.com' },
      availability: [
        { topic: 'a', payload_available: 'on', payload_not_available: 'off', value_template: '{{ value_json.s }}' },
      ],
      components: { one: { platform: 'sensor', unit_of_measurement: '°C', state_class: 'measurement' } },
    });
  });
});

describe('expandBaseTopic', () => {
  it('replaces ~ at the start or end of topics only', () => {
    const expanded = expandBaseTopic({
      '~': 'home/lamp',
      state_topic: '~/state',
      command_topic: 'set/~',
      name: '~ not a topic',
      availability: [{ topic: '~/online' }],
    });
    expect(expanded).toMatchObject({
      state_topic: 'home/lamp/state',
      command_topic: 'set/home/lamp',
      name: '~ not a topic',
      availability: [{ topic: 'home/lamp/online' }],
    });
  });
});

describe('parseDiscoveryTopic', () => {
  it('takes <prefix>/<component>/[<node_id>/]<object_id>/config', () => {
    expect(parseDiscoveryTopic('homeassistant', 'homeassistant/switch/plug/config')).toEqual({
      component: 'switch',
      path: 'switch/plug',
      objectId: 'plug',
    });
    expect(parseDiscoveryTopic('ha', 'ha/light/node1/lamp/config')?.path).toBe('light/node1/lamp');
    expect(parseDiscoveryTopic('homeassistant', 'homeassistant/switch/plug/state')).toBeNull();
    expect(parseDiscoveryTopic('homeassistant', 'homeassistant/a/b/c/d/config')).toBeNull();
    expect(parseDiscoveryTopic('homeassistant', 'other/switch/plug/config')).toBeNull();
  });
});
