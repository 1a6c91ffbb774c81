// Light colour and cover position against a real Mosquitto: Home Assistant discovery configs (default schema
// with rgb, hs and xy topics; JSON schema with rgb and hs colour modes; covers with position topics) and a
// Zigbee2MQTT device list (color_xy and color_hs lights, a cover with a position) as their documentation writes
// them. Each command's exact topic and payload is what mosquitto_sub sees; each state shows on the entity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityView } from '../../../../src/shared/commands/devices.ts';
import { startMosquitto, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { publish, publishRetained, subscribe } from './broker-tools.ts';

const dev = (name: string) => ({ ids: name.toLowerCase().replace(/ /g, '_'), name });

const HA_CONFIGS: Record<string, object> = {
  'homeassistant/light/strip/config': {
    name: 'Strip',
    cmd_t: 'strip/set',
    rgb_cmd_t: 'strip/rgb/set',
    rgb_stat_t: 'strip/rgb',
    dev: dev('LED strip'),
  },
  'homeassistant/light/mood/config': {
    name: 'Mood',
    cmd_t: 'mood/set',
    hs_cmd_t: 'mood/hs/set',
    hs_cmd_tpl: '{"h": {{ hue }}, "s": {{ sat }}}',
    hs_stat_t: 'mood/state',
    hs_val_tpl: '{{ value_json.hs }}',
    dev: dev('Mood lamp'),
  },
  'homeassistant/light/porch/config': {
    name: 'Porch',
    cmd_t: 'porch/set',
    xy_cmd_t: 'porch/xy/set',
    xy_stat_t: 'porch/xy',
    dev: dev('Porch light'),
  },
  'homeassistant/light/bulb/config': {
    name: 'Bulb',
    schema: 'json',
    cmd_t: 'bulb/set',
    stat_t: 'bulb/state',
    sup_clrm: ['rgb'],
    dev: dev('JSON bulb'),
  },
  'homeassistant/light/lantern/config': {
    name: 'Lantern',
    schema: 'json',
    cmd_t: 'lantern/set',
    stat_t: 'lantern/state',
    sup_clrm: ['color_temp', 'hs'],
    dev: dev('Lantern'),
  },
  'homeassistant/cover/shutter/config': {
    name: 'Shutter',
    cmd_t: 'shutter/set',
    stat_t: 'shutter/state',
    pos_t: 'shutter/position',
    set_pos_t: 'shutter/position/set',
    dev: dev('Shutter'),
  },
  'homeassistant/cover/awning/config': {
    name: 'Awning',
    pos_t: 'awning/state',
    pos_tpl: '{{ value_json.pos }}',
    pos_open: 255,
    pos_clsd: 0,
    set_pos_t: 'awning/position',
    set_pos_tpl: '{"pos": {{ position }}}',
    dev: dev('Awning'),
  },
};

const colourFeature = (kind: 'xy' | 'hs') => ({
  type: 'composite',
  name: `color_${kind}`,
  label: kind === 'xy' ? 'Color (X/Y)' : 'Color (HS)',
  property: 'color',
  access: 7,
  features: (kind === 'xy' ? ['x', 'y'] : ['hue', 'saturation']).map((name) => ({
    type: 'numeric',
    name,
    property: name,
    access: 7,
  })),
});
const z2mDevice = (friendly: string, expose: object) => ({
  ieee_address: `0x${friendly.length.toString(16).padStart(16, '0')}${friendly}`,
  type: 'Router',
  friendly_name: friendly,
  definition: { model: 'M', vendor: 'V', exposes: [expose] },
});
const onOff = {
  type: 'binary',
  name: 'state',
  label: 'State',
  property: 'state',
  access: 7,
  value_on: 'ON',
  value_off: 'OFF',
};
const Z2M_DEVICES = [
  z2mDevice('xy_bulb', { type: 'light', features: [onOff, colourFeature('xy')] }),
  z2mDevice('hs_bulb', { type: 'light', features: [onOff, colourFeature('hs')] }),
  z2mDevice('shade', {
    type: 'cover',
    features: [
      { type: 'enum', name: 'state', label: 'State', property: 'state', access: 3, values: ['OPEN', 'CLOSE', 'STOP'] },
      {
        type: 'numeric',
        name: 'position',
        label: 'Position',
        property: 'position',
        access: 7,
        unit: '%',
        value_min: 0,
        value_max: 100,
      },
    ],
  }),
];

let mosquitto: Mosquitto;
let dir: ReturnType<typeof tempDir>;
let test: TestCore;

const list = () => test.core.handlers['devices.list']({});
/** An entity by its name, or the one entity of a device by the device's name (Zigbee2MQTT's friendly names). */
async function entity(name: string): Promise<EntityView> {
  const { devices } = await list();
  const found =
    devices.find((d) => d.name === name)?.entities[0] ??
    devices.flatMap((d) => d.entities).find((e) => e.name === name);
  if (!found) throw new Error(`no entity ${name}`);
  return found;
}
const send = async (name: string, request: object) =>
  test.core.handlers['devices.command']({ entityId: (await entity(name)).id, ...request } as never);

beforeAll(async () => {
  mosquitto = await startMosquitto();
  dir = tempDir();
  for (const [topic, config] of Object.entries(HA_CONFIGS)) {
    await publishRetained(mosquitto.port, topic, JSON.stringify(config));
  }
  await publishRetained(mosquitto.port, 'zigbee2mqtt/bridge/devices', JSON.stringify(Z2M_DEVICES));
  test = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: mosquitto.url, topics: [{ filter: 'herald/#', qos: 1 }] }],
  });
  await eventually('the devices', async () => (await list()).devices.length >= 10);
}, 30_000);

afterAll(async () => {
  await test?.stop();
  await mosquitto?.stop();
  dir?.remove();
});

describe('light colour', () => {
  it('offers a colour on every light that takes one, and not as an entity of its own', async () => {
    for (const name of ['Strip', 'Mood', 'Porch', 'Bulb', 'Lantern']) {
      expect(await entity(name)).toMatchObject({ control: 'toggle', color: { value: null } });
    }
    const xyBulb = (await list()).devices.find((d) => d.name === 'xy_bulb')!;
    expect(xyBulb.entities.map((e) => [e.name, e.control, e.color])).toEqual([['State', 'toggle', { value: null }]]);
  });

  it('sends a picked colour as each light takes it', async () => {
    const sub = await subscribe(mosquitto.port, '#');
    try {
      await send('Strip', { action: 'set', feature: 'color', value: '#ff8000' });
      await send('Mood', { action: 'set', feature: 'color', value: '#0000ff' });
      await send('Porch', { action: 'set', feature: 'color', value: '#ff0000' });
      await send('Bulb', { action: 'set', feature: 'color', value: '#FF0000' });
      await send('Lantern', { action: 'set', feature: 'color', value: '#00ff00' });
      await send('xy_bulb', { action: 'set', feature: 'color', value: '#ff0000' });
      await send('hs_bulb', { action: 'set', feature: 'color', value: '#00ff00' });
      const expected = [
        'strip/rgb/set 255,128,0',
        'mood/hs/set {"h": 240, "s": 100}',
        'porch/xy/set 0.64,0.33',
        'bulb/set {"state":"ON","color":{"r":255,"g":0,"b":0}}',
        'lantern/set {"state":"ON","color":{"h":120,"s":100}}',
        'zigbee2mqtt/xy_bulb/set {"color":{"hex":"#ff0000"}}',
        'zigbee2mqtt/hs_bulb/set {"color":{"hex":"#00ff00"}}',
      ];
      await eventually('every colour command on the broker', () => expected.every((line) => sub.lines.includes(line)));
    } finally {
      await sub.stop();
    }
  });

  it('refuses a colour that is not #rrggbb, with the reason', async () => {
    await expect(send('Bulb', { action: 'set', feature: 'color', value: 'red' })).rejects.toThrow(
      'Bulb: a colour needs #rrggbb, not "red"',
    );
  });

  it('shows the colour each state reports, as #rrggbb', async () => {
    await publish(mosquitto.port, 'strip/rgb', '0,0,255');
    await publish(mosquitto.port, 'mood/state', '{"hs": "120,100"}');
    await publish(mosquitto.port, 'porch/xy', '0.3127,0.329');
    await publish(mosquitto.port, 'bulb/state', '{"state":"ON","color_mode":"rgb","color":{"r":0,"g":255,"b":0}}');
    await publish(mosquitto.port, 'lantern/state', '{"state":"ON","color_mode":"hs","color":{"h":0,"s":100}}');
    await publish(
      mosquitto.port,
      'zigbee2mqtt/xy_bulb',
      '{"state":"ON","color_mode":"xy","color":{"x":0.15,"y":0.06}}',
    );
    await publish(mosquitto.port, 'zigbee2mqtt/hs_bulb', '{"color_mode":"hs","color":{"hue":0,"saturation":100}}');
    const colour = async (name: string) => (await entity(name)).color?.value;
    await eventually('the strip blue', async () => (await colour('Strip')) === '#0000ff');
    await eventually('the mood lamp green', async () => (await colour('Mood')) === '#00ff00');
    await eventually('the porch white', async () => (await colour('Porch')) === '#ffffff');
    await eventually('the bulb green', async () => (await colour('Bulb')) === '#00ff00');
    await eventually('the lantern red', async () => (await colour('Lantern')) === '#ff0000');
    await eventually('the xy bulb blue', async () => (await colour('xy_bulb')) === '#0000ff');
    await eventually('the hs bulb red', async () => (await colour('hs_bulb')) === '#ff0000');
    // The bulb's on/off state comes from the same document.
    expect((await entity('Bulb')).value).toBe(true);
  });

  it('shows a colour it cannot read as an error on the entity, keeping the last colour', async () => {
    await publish(mosquitto.port, 'strip/rgb', '0,0');
    await eventually('the error', async () => (await entity('Strip')).error?.includes('"0,0" is not a colour'));
    expect((await entity('Strip')).color?.value).toBe('#0000ff');
  });
});

describe('cover position', () => {
  it('offers a position slider on covers with a position, settable when one can be sent', async () => {
    expect(await entity('Shutter')).toMatchObject({ control: 'cover', position: { value: null, settable: true } });
    expect((await entity('Shutter')).positionOnly).toBeUndefined();
    // The awning has no command_topic: no open/stop/close buttons, only the position.
    expect(await entity('Awning')).toMatchObject({
      control: 'cover',
      settable: true,
      position: { settable: true },
      positionOnly: true,
    });
    const shade = (await list()).devices.find((d) => d.name === 'shade')!;
    expect(shade.entities.map((e) => [e.control, e.position])).toEqual([['cover', { value: null, settable: true }]]);
  });

  it('sends a position as each cover takes it, scaled to its own range', async () => {
    const sub = await subscribe(mosquitto.port, '#');
    try {
      await send('Shutter', { action: 'set', feature: 'position', value: 40 });
      await send('Awning', { action: 'set', feature: 'position', value: 50 });
      await send('shade', { action: 'set', feature: 'position', value: 30 });
      const expected = [
        'shutter/position/set 40',
        'awning/position {"pos": 128}',
        'zigbee2mqtt/shade/set {"position":30}',
      ];
      await eventually('every position command on the broker', () => expected.every((l) => sub.lines.includes(l)));
    } finally {
      await sub.stop();
    }
    // The awning has no command_topic: it takes a position, but open/close say why not.
    await expect(send('Awning', { action: 'open' })).rejects.toThrow('this cover only takes a position');
  });

  it('shows the position each state reports, in percent open', async () => {
    await publish(mosquitto.port, 'shutter/position', '75');
    await publish(mosquitto.port, 'awning/state', '{"pos": 51}');
    await publish(mosquitto.port, 'zigbee2mqtt/shade', '{"state":"OPEN","position":65}');
    await eventually('the shutter at 75', async () => (await entity('Shutter')).position?.value === 75);
    await eventually('the awning at 20', async () => (await entity('Awning')).position?.value === 20);
    await eventually('the shade at 65', async () => (await entity('shade')).position?.value === 65);
    expect((await entity('shade')).value).toBe('OPEN');
    await publish(mosquitto.port, 'shutter/position', 'half');
    await eventually('the error', async () => (await entity('Shutter')).error?.includes('"half" is not a position'));
    expect((await entity('Shutter')).position?.value).toBe(75);
  });
});
