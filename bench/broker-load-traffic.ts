// Other clients' traffic through a broker, at a steady rate: one connection publishes RATE small QoS 0 messages a
// second (in 10 ms slices) to load/..., another subscribes to load/# and counts them. Prints "ready" once
// subscribed, and on SIGTERM "done <sent> <received> <ms>" before it exits. Its own process, so the load it
// makes costs the broker, not the process being measured.
import mqtt from 'mqtt';

const [url, rateArg] = process.argv.slice(2);
if (url === undefined) throw new Error('usage: broker-load-traffic.ts URL RATE');
const rate = Number(rateArg) || 20_000;
const SLICE_MS = 10;
const options = { protocolVersion: 4 as const, clean: true, reconnectPeriod: 0 };

const subscriber = await mqtt.connectAsync(url, options);
const publisher = await mqtt.connectAsync(url, options);
let received = 0;
subscriber.on('message', () => received++);
await subscriber.subscribeAsync('load/#', { qos: 0 });
console.log('ready');

const started = performance.now();
let sent = 0;
const payload = JSON.stringify({ sensor: 'load', value: 21.5, unit: 'C' });
// Each slice catches up to where the rate says it should be by now, so a late timer does not lower the rate.
const timer = setInterval(() => {
  const due = Math.floor(((performance.now() - started) / 1000) * rate);
  while (sent < due) publisher.publish(`load/${sent++ % 100}`, payload, { qos: 0 });
}, SLICE_MS);

process.once('SIGTERM', () => {
  clearInterval(timer);
  console.log(`done ${sent} ${received} ${Math.round(performance.now() - started)}`);
  subscriber.end(true);
  publisher.end(true);
  process.exit(0);
});
