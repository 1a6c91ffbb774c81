// Broker benchmark: `node --disable-warning=ExperimentalWarning bench/broker.ts [--count 50000] [--rounds 3]`.
// The embedded broker (aedes, started as the core starts it: 127.0.0.1, anonymous on loopback, running inside this
// process as it runs inside Herald) against Debian's Mosquitto (its own process) in the same run.
// Throughput: a subscriber process counts while a publisher process sends N small messages (QoS 0, then QoS 1);
// the rate is messages received over the time from the first to the last. Both brokers are warmed up once
// (unmeasured), then alternate over rounds, each round changing which goes first; figures are medians with the
// spread of the per-round ratios. Round trip: in this process, one client publishes QoS 1 and another, subscribed
// at QoS 1, receives; 2,000 sequential messages, each timed from publish to arrival.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { LOOPBACK, startEmbeddedBroker } from '../src/main/core/broker/embedded-broker.ts';
import { startMosquitto } from '../test/helpers/mosquitto.ts';
import { freePort } from '../test/helpers/ports.ts';

const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
const count = arg('--count') ?? 50_000;
const rounds = arg('--rounds') ?? 3;
const ROUND_TRIPS = 2_000;
const node = [process.execPath, '--disable-warning=ExperimentalWarning'] as const;
const publisherScript = fileURLToPath(new URL('./publisher.ts', import.meta.url));
const subscriberScript = fileURLToPath(new URL('./broker-subscriber.ts', import.meta.url));

type BrokerName = 'embedded' | 'mosquitto';
type Qos = 0 | 1;

function run(script: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(node[0], [node[1], script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', onLine);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`))));
  });
}

interface Throughput {
  perSecond: number;
  received: number;
}

/** One publisher process and one subscriber process through `url`: messages per second the subscriber saw. */
async function throughput(url: string, topic: string, qos: Qos, messages: number): Promise<Throughput> {
  let ready!: () => void;
  const subscribed = new Promise<void>((resolve) => (ready = resolve));
  let result: Throughput = { perSecond: 0, received: 0 };
  const subscriber = run(subscriberScript, [url, topic, String(messages), String(qos)], (line) => {
    if (line === 'ready') ready();
    const [word, ms, received] = line.split(' ');
    if (word === 'done')
      result = { perSecond: (Number(received) / Math.max(Number(ms), 1)) * 1000, received: Number(received) };
  });
  await Promise.race([subscribed, subscriber]);
  await run(publisherScript, [url, topic, String(messages), String(qos)], () => {});
  await subscriber;
  return result;
}

/** Sequential QoS 1 publish -> delivery times in ms, two clients in this process. */
async function roundTrips(url: string, topic: string, messages: number): Promise<number[]> {
  const options = { protocolVersion: 4 as const, clean: true, reconnectPeriod: 0 };
  const receiver = await mqtt.connectAsync(url, options);
  const sender = await mqtt.connectAsync(url, options);
  try {
    for (const c of [receiver, sender]) (c.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    await receiver.subscribeAsync(topic, { qos: 1 });
    let arrived: (() => void) | null = null;
    receiver.on('message', () => arrived?.());
    const times: number[] = [];
    for (let i = 0; i < messages; i++) {
      const delivered = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('round trip timed out')), 5_000);
        arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      const started = performance.now();
      sender.publish(topic, `{"title":"Ping ${i}","priority":3}`, { qos: 1 });
      await delivered;
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await Promise.all([receiver.endAsync(), sender.endAsync()]);
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;
const p99 = (values: number[]) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * 0.99))]!;
const fixed = (n: number, digits = 0) => n.toFixed(digits);
const rate = (n: number) => Math.round(n).toLocaleString('en').padStart(9);

const embedded = await startEmbeddedBroker({ port: await freePort(), host: LOOPBACK, anonymous: true });
const mosquitto = await startMosquitto();
try {
  const urls: Record<BrokerName, string> = {
    embedded: `mqtt://${LOOPBACK}:${embedded.port}`,
    mosquitto: mosquitto.url,
  };
  console.log(
    `Broker benchmark: embedded (aedes, in this process) vs Mosquitto, ${count.toLocaleString('en')} messages, ` +
      `${rounds} alternating rounds; round trip over ${ROUND_TRIPS.toLocaleString('en')} QoS 1 messages`,
  );
  const rates: Record<Qos, Record<BrokerName, number[]>> = {
    0: { embedded: [], mosquitto: [] },
    1: { embedded: [], mosquitto: [] },
  };
  const lost: string[] = [];
  for (const name of ['embedded', 'mosquitto'] as const) {
    for (const qos of [0, 1] as const) await throughput(urls[name], `warm/${name}/${qos}`, qos, Math.round(count / 5));
    await roundTrips(urls[name], `warm/rtt/${name}`, 200);
  }
  for (let round = 0; round < rounds; round++) {
    const order: BrokerName[] = round % 2 === 0 ? ['embedded', 'mosquitto'] : ['mosquitto', 'embedded'];
    for (const qos of [0, 1] as const) {
      for (const name of order) {
        const r = await throughput(urls[name], `bench/${name}/${qos}/${round}`, qos, count);
        rates[qos][name].push(r.perSecond);
        if (r.received < count) lost.push(`${name} QoS ${qos} round ${round + 1}: ${count - r.received} not delivered`);
      }
      const e = rates[qos].embedded.at(-1)!;
      const m = rates[qos].mosquitto.at(-1)!;
      console.log(
        `round ${round + 1} QoS ${qos}: embedded ${rate(e)}/s, mosquitto ${rate(m)}/s, ratio ${fixed(e / m, 2)}`,
      );
    }
  }
  const trips: Record<BrokerName, number[]> = { embedded: [], mosquitto: [] };
  for (const name of ['mosquitto', 'embedded'] as const)
    trips[name] = await roundTrips(urls[name], `rtt/${name}`, ROUND_TRIPS);

  console.log('\n                     embedded   mosquitto   ratio (spread)');
  for (const qos of [0, 1] as const) {
    const { embedded: e, mosquitto: m } = rates[qos];
    const ratios = e.map((value, i) => value / m[i]!);
    console.log(
      `QoS ${qos} msg/s        ${rate(median(e))}   ${rate(median(m))}   ${fixed(median(ratios), 2)} ` +
        `(${fixed(Math.min(...ratios), 2)}-${fixed(Math.max(...ratios), 2)})`,
    );
  }
  const ms = (n: number) => `${fixed(n, 3)} ms`.padStart(9);
  console.log(`QoS 1 round trip p50 ${ms(median(trips.embedded))}   ${ms(median(trips.mosquitto))}`);
  console.log(`QoS 1 round trip p99 ${ms(p99(trips.embedded))}   ${ms(p99(trips.mosquitto))}`);
  if (lost.length > 0) console.log(`\nnot all delivered:\n  ${lost.join('\n  ')}`);
} finally {
  await embedded.close();
  await mosquitto.stop();
}
