// Devices at scale: `node --disable-warning=ExperimentalWarning bench/devices.ts [--count 10000] [--trips 200]`.
// A real Mosquitto holds N retained Home Assistant discovery configs (switches with a state and a command topic,
// ten to a device) and a retained OFF state for each, published by an mqtt.js client before Herald starts. Then
// Herald's core starts with an MQTT source on that broker (discovery on) and we time until `devices.list`,
// through the contract, returns all N entities, and how long one `devices.list` takes then. Last, a broker-side
// echo (subscribed to the command topics, publishing each payload to the state topic) confirms commands: the
// round trip from `devices.command` to the devices.changed event showing the new state, sequentially.
import type { MqttClient } from 'mqtt';
import type { DevicesChanged, EntityView } from '../src/shared/commands/devices.ts';
import { dispatch, type Reply } from '../src/shared/contract.ts';
import { startTestCore, tempDir, type TestCore } from '../test/helpers/core.ts';
import { startMosquitto, type Mosquitto } from '../test/helpers/mosquitto.ts';
import {
  connectClient,
  discoveryFlood,
  ms,
  option,
  PER_DEVICE,
  percentile,
  publishRetained,
} from './devices-fixture.ts';

const COUNT = option('count', 10_000);
const TRIPS = option('trips', 200);

function value<T>(reply: Reply): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

type DeviceList = { devices: { entities: EntityView[] }[] };
const entitiesOf = (list: DeviceList) => list.devices.flatMap((d) => d.entities);

let mosquitto: Mosquitto | undefined;
let test: TestCore | undefined;
const clients: MqttClient[] = [];
const dir = tempDir('herald-bench-devices-');

try {
  mosquitto = await startMosquitto();
  const publisher = await connectClient(mosquitto.url);
  clients.push(publisher);
  const messages = discoveryFlood(COUNT);
  const publishStarted = performance.now();
  await publishRetained(publisher, messages);
  console.log(`${COUNT.toLocaleString('en-US')} switches (${COUNT / PER_DEVICE} devices), configs and states`);
  console.log(`retained publish        ${ms(performance.now() - publishStarted)}`);

  // The echo: what a real switch does, confirming each command on its state topic.
  const echo = await connectClient(mosquitto.url);
  clients.push(echo);
  echo.on('message', (topic, payload) => {
    echo.publish(topic.replace(/\/set$/, '/state'), payload, { qos: 1, retain: true });
  });
  await echo.subscribeAsync('bench/+/set', { qos: 1 });

  const started = performance.now();
  test = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: mosquitto.url, topics: [{ filter: 'herald/#', qos: 1 }] }],
  });
  const core = test.core;
  const list = async () => value<DeviceList>(await dispatch(core.handlers, 'devices.list', {}));
  let entities: EntityView[] = [];
  const deadline = Date.now() + 120_000;
  for (;;) {
    entities = entitiesOf(await list());
    if (entities.length >= COUNT && entities.every((e) => e.value !== null)) break;
    if (Date.now() > deadline) throw new Error(`only ${entities.length} entities listed after 120 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`core start to all listed ${ms(performance.now() - started)} (every entity with its state)`);

  const listTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const began = performance.now();
    await list();
    listTimes.push(performance.now() - began);
  }
  listTimes.sort((a, b) => a - b);
  console.log(`devices.list (10 calls) median ${ms(percentile(listTimes, 50))}, max ${ms(listTimes.at(-1)!)}`);

  const trips: number[] = [];
  for (let n = 0; n < TRIPS; n++) {
    // Spread over the switches; each visit flips it, so the state always really changes.
    const entity = entities[(n * 7919) % entities.length]!;
    const on = entity.value !== true;
    const confirmed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no confirmed state for ${entity.id}`)), 10_000);
      const off = core.on('devices.changed', (payload: DevicesChanged) => {
        const seen = payload.devices.flatMap((d) => d.entities).find((e) => e.id === entity.id);
        if (seen?.value === on) {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
    const began = performance.now();
    value(
      await dispatch(core.handlers, 'devices.command', { entityId: entity.id, action: on ? 'turn_on' : 'turn_off' }),
    );
    await confirmed;
    trips.push(performance.now() - began);
    entity.value = on;
  }
  trips.sort((a, b) => a - b);
  console.log(
    `command to confirmed state (${TRIPS} sequential) median ${ms(percentile(trips, 50))}, ` +
      `p99 ${ms(percentile(trips, 99))}, max ${ms(trips.at(-1)!)}`,
  );
} finally {
  await test?.stop();
  for (const client of clients) await client.endAsync();
  await mosquitto?.stop();
  dir.remove();
}
