// A publisher that survives broker restarts: a persistent session (clean=false, fixed client id) and mqtt.js
// resending every unacknowledged QoS 1/2 message after it reconnects. It publishes COUNT numbered messages at
// about RATE per second (0: as fast as acknowledgements come back) with at most WINDOW unacknowledged, prints
// "acked N" as it goes and "done" at the end.
// Payloads: {"id":"m-N","n":N} (ID=json), {"n":N} with the MQTT 5 user property id=m-N (ID=property), or
// {"n":N} with no id at all (ID=none, for QoS 2: exactly once must hold without any dedupe).
// Usage: node chaos-publisher.ts URL TOPIC COUNT QOS RATE PROTOCOL_VERSION ID
import mqtt from 'mqtt';

const [url, topic, countArg, qosArg, rateArg, versionArg, idMode] = process.argv.slice(2);
const count = Number(countArg);
const qos = Number(qosArg) as 1 | 2;
const rate = Number(rateArg);
const protocolVersion = Number(versionArg) as 4 | 5;
const WINDOW = 20;
const TICK_MS = 10;

const client = mqtt.connect(url!, {
  protocolVersion,
  clientId: `chaos-publisher-${process.pid}`,
  clean: false,
  ...(protocolVersion === 5 ? { properties: { sessionExpiryInterval: 3600 } } : {}),
  reconnectPeriod: 200,
  connectTimeout: 5000,
  keepalive: 5,
});
client.on('error', () => {}); // reconnects on its own; the test judges by what arrives
client.on('connect', () => (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true));

let next = 0;
let unacked = 0;
let acked = 0;
let failed = 0;

function payloadOf(n: number): { body: string; options: mqtt.IClientPublishOptions } {
  if (idMode === 'json') return { body: JSON.stringify({ id: `m-${n}`, n }), options: { qos } };
  if (idMode === 'property')
    return { body: JSON.stringify({ n }), options: { qos, properties: { userProperties: { id: `m-${n}` } } } };
  return { body: JSON.stringify({ n }), options: { qos } };
}

function publish(n: number): void {
  unacked++;
  const { body, options } = payloadOf(n);
  client.publish(topic!, body, options, (err) => {
    unacked--;
    if (err) {
      // mqtt.js gave up on it (it should not with a persistent session): say so, the test will fail loudly.
      failed++;
      console.log(`failed ${n} ${err.message}`);
      return;
    }
    acked++;
    if (acked % 1000 === 0) console.log(`acked ${acked}`);
    if (rate === 0 && next < count) publish(next++);
    if (acked + failed === count) {
      console.log(`done acked=${acked} failed=${failed}`);
      void client.endAsync().then(() => process.exit(0));
    }
  });
}

// Published while disconnected they wait in mqtt.js's store; the window bounds that too.
if (rate === 0) {
  while (next < Math.min(count, WINDOW)) publish(next++);
} else {
  const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
  const timer = setInterval(() => {
    for (let i = 0; i < perTick && next < count && unacked < WINDOW; i++) publish(next++);
    if (next >= count) clearInterval(timer);
  }, TICK_MS);
}
