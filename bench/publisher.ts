// Publishes N messages as fast as the broker takes them (QoS 1: a window of 50 in flight, like aedes'
// sender.js; QoS 2: 20, Mosquitto's max_inflight_messages, above which it drops a publisher's connection),
// then prints "done <ms>". Runs as its own process so it does not share the measured event loop. A `{i}` in
// TOPIC spreads the messages over 1,000 topics (message n goes to topic n mod 1000).
import mqtt from 'mqtt';

const [url, topic, countArg, qosArg] = process.argv.slice(2);
if (url === undefined || topic === undefined) throw new Error('usage: publisher.ts URL TOPIC COUNT QOS');
const count = Number(countArg);
const qos = Number(qosArg) as 0 | 1 | 2;
const client = mqtt.connect(url, { protocolVersion: 4, clean: true, reconnectPeriod: 0 });
const topicOf = (n: number) => topic.replace('{i}', String(n % 1000));

client.on('connect', () => {
  (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  const started = Date.now();
  let sent = 0;
  let acked = 0;
  const publishNext = () => {
    if (sent >= count) return;
    const n = sent++;
    const payload = JSON.stringify({
      title: `Alert ${n}`,
      message: `Sensor ${n % 50} reported value ${n}`,
      priority: 3,
    });
    client.publish(topicOf(n), payload, { qos }, () => {
      acked++;
      if (acked === count) {
        console.log(`done ${Date.now() - started}`);
        client.end();
      } else if (qos > 0) publishNext();
    });
  };
  if (qos > 0) {
    for (let i = 0; i < (qos === 2 ? 20 : 50); i++) publishNext();
  } else {
    // QoS 0 callbacks fire once the packet is written: send in chunks, the next when the last is out.
    const burst = () => {
      const chunkEnd = Math.min(count, sent + 200);
      while (sent < chunkEnd - 1) publishNext();
      if (sent < count) {
        const n = sent++;
        const payload = JSON.stringify({
          title: `Alert ${n}`,
          message: `Sensor ${n % 50} reported value ${n}`,
          priority: 3,
        });
        client.publish(topicOf(n), payload, { qos }, () => {
          if (++acked === count) {
            console.log(`done ${Date.now() - started}`);
            client.end();
          } else burst();
        });
      }
    };
    burst();
  }
});
client.on('error', (err) => {
  console.error(`publisher: ${err.message}`);
  process.exit(1);
});
