// Subscribes to TOPIC at QOS, prints "ready" once the broker granted it, counts messages and prints
// "done <ms> <received>": the time from the first message to the last, and how many arrived. It stops at COUNT
// or after 2 s without a message (a broker may drop QoS 0 under load). Its own process, so counting does not
// share the broker's event loop.
import mqtt from 'mqtt';

const [url, topic, countArg, qosArg] = process.argv.slice(2);
if (url === undefined || topic === undefined) throw new Error('usage: broker-subscriber.ts URL TOPIC COUNT QOS');
const count = Number(countArg);
const qos = Number(qosArg) as 0 | 1;
const IDLE_MS = 2_000;

const client = mqtt.connect(url, { protocolVersion: 4, clean: true, reconnectPeriod: 0 });
let received = 0;
let first = 0;
let last = 0;
let idle: NodeJS.Timeout | undefined;
let finished = false;

const finish = () => {
  clearTimeout(idle);
  finished = true;
  console.log(`done ${last - first} ${received}`);
  client.end();
};

client.on('connect', () => {
  (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  client.subscribe(topic, { qos }, (err) => {
    if (err) throw err;
    console.log('ready');
  });
});
client.on('message', () => {
  last = performance.now();
  if (received++ === 0) first = last;
  clearTimeout(idle);
  if (received >= count) finish();
  else idle = setTimeout(finish, IDLE_MS);
});
client.on('error', (err) => {
  // Mosquitto may reset the socket while the last PUBACKs and the DISCONNECT are on their way: the count is out.
  if (finished) return;
  console.error(`subscriber: ${err.message} after ${received} of ${count} messages`);
  process.exit(1);
});
