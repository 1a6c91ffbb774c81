// Device alerts: device state stays out of the inbox, but the rules see it. A rule on a device's state topic
// (a value condition, with `for`) brings the message that fires it into the inbox, titled with the device's
// name, and notifies; states no rule keeps are still not stored, and a `for` episode follows every state.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mosquittoPubOne, startMosquitto, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { publishRetained } from './broker-tools.ts';

let mosquitto: Mosquitto;
let dir: ReturnType<typeof tempDir>;
let test: TestCore;

beforeAll(async () => {
  mosquitto = await startMosquitto();
  dir = tempDir();
  const config = {
    name: 'Contact',
    stat_t: 'home/door/state',
    val_tpl: '{{ value_json.contact }}',
    pl_on: 'false',
    pl_off: 'true',
    dev: { ids: 'front-door', name: 'Front door' },
  };
  await publishRetained(mosquitto.port, 'homeassistant/binary_sensor/door/config', JSON.stringify(config));
  test = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: mosquitto.url, topics: [{ filter: 'home/#', qos: 1 }] }],
  });
  const sourceId = test.core.getState().sources.find((s) => s.ephemeral)!.id;
  await test.core.handlers['rules.set']({
    document: {
      version: 1,
      rules: [
        {
          name: 'Door open a while',
          match: { source: sourceId, topic: 'home/door/state', value: '$.contact == false' },
          for: '300ms',
          action: 'notify',
          priority: 4,
        },
      ],
    },
  });
}, 20_000);

afterAll(async () => {
  await test?.stop();
  await mosquitto?.stop();
  dir?.remove();
});

const stored = async () => (await test.core.handlers['inbox.list']({ limit: 50 })).items;

it('stores and notifies only the state that fires the rule, titled with the device name', async () => {
  const door = async () =>
    (await test.core.handlers['devices.list']({})).devices.find((d) => d.name === 'Front door')?.entities[0]?.value;
  await eventually('the door is known', async () =>
    (await test.core.handlers['devices.list']({})).devices.some((d) => d.name === 'Front door'),
  );
  await eventually('connected', () => test.core.getState().sources.some((s) => s.status.state === 'connected'));

  await mosquittoPubOne(mosquitto.port, 'home/door/state', '{"contact":true}', 1);
  await mosquittoPubOne(mosquitto.port, 'home/door/state', '{"contact":false}', 1);
  await eventually('the device shows the door open', async () => (await door()) === true);
  // The episode began; it has not held 300 ms yet: nothing stored.
  expect(await stored()).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 400));
  await mosquittoPubOne(mosquitto.port, 'home/door/state', '{"contact":false}', 1);
  await eventually('the alert is stored', async () => ((await stored()).length > 0 ? true : null));
  const [alert] = await stored();
  expect(alert).toMatchObject({ title: 'Front door', rule: 'Door open a while', priority: 4, notified: true });
  await eventually('notified', () =>
    test.eventsOf('notify').some((n) => n.title === 'Front door' && n.rule === 'Door open a while'),
  );
  // Later states of the same episode, and a closed door, stay out of the inbox.
  await mosquittoPubOne(mosquitto.port, 'home/door/state', '{"contact":false}', 1);
  await mosquittoPubOne(mosquitto.port, 'home/door/state', '{"contact":true}', 1);
  await eventually('the device shows the door closed', async () => (await door()) === false);
  expect(await stored()).toHaveLength(1);
});

it('"Notify me when" writes the rule; with its match, real payloads fire it', async () => {
  const entity = (await test.core.handlers['devices.list']({})).devices.find((d) => d.name === 'Front door')!
    .entities[0]!;
  const created = await test.core.handlers['devices.alert']({
    entityId: entity.id,
    op: '==',
    value: true,
    forMinutes: 5,
  });
  expect(created).toEqual({ rule: 'Front door: Contact is on for 5 min' });
  const { document } = await test.core.handlers['rules.get']({});
  const rule = document.rules.find((r) => r.name === created.rule)!;
  expect(rule).toMatchObject({ match: { topic: 'home/door/state', value: '$.contact == "false"' }, for: '300s' });

  // The same rule with a shorter `for`, so the test need not wait five minutes.
  await test.core.handlers['rules.set']({
    document: { version: 1, rules: [{ ...rule, name: 'Quick', for: '200ms' }] },
  });
  const before = (await stored()).length;
  await mosquittoPubOne(mosquitto.port, 'home/door/state', '{"contact":false}', 1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await mosquittoPubOne(mosquitto.port, 'home/door/state', '{"contact":false}', 1);
  await eventually('the alert from the written rule', async () =>
    (await stored()).some((m) => m.rule === 'Quick' && m.title === 'Front door') ? true : null,
  );
  expect((await stored()).length).toBe(before + 1);
});
