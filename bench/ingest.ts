// Ingest benchmark: in one run against the same Mosquitto, how fast Herald's core stores messages durably
// (every message committed to the SQLite inbox) compared with a bare mqtt.js subscriber that only counts.
// QoS 1/2: Herald acknowledges each message only after its commit (PUBACK; PUBCOMP, with the packet kept in the
// inbox database from PUBREC on); the bare subscriber acknowledges at once and keeps nothing.
// Usage: npm run bench [-- --count 100000] [-- --qos 0,1,2]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { startMosquitto, type Mosquitto } from '../test/helpers/mosquitto.ts';
import { startTestCore, tempDir } from '../test/helpers/core.ts';

const count = Number(process.argv[process.argv.indexOf('--count') + 1]) || 100_000;
const qosLevels = (process.argv.includes('--qos') ? process.argv[process.argv.indexOf('--qos') + 1]! : '0,1,2')
  .split(',')
  .map((q) => Number(q) as 0 | 1 | 2);
const publisherScript = fileURLToPath(new URL('./publisher.ts', import.meta.url));

interface Result {
  received: number;
  ms: number;
  rssMb: number;
}

function publish(broker: Mosquitto, topic: string, qos: 0 | 1 | 2): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', publisherScript, broker.url, topic, String(count), String(qos)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited ${code}`))));
  });
}

/** Waits until `received()` reaches count or stops growing for 5 s (then something was dropped). */
async function settle(received: () => number): Promise<void> {
  let last = -1;
  let stillSince = Date.now();
  while (received() < count) {
    await new Promise((r) => setTimeout(r, 2));
    const now = received();
    if (now !== last) {
      last = now;
      stillSince = Date.now();
    } else if (Date.now() - stillSince > 5000) return;
  }
}

async function bareSubscriber(broker: Mosquitto, qos: 0 | 1 | 2): Promise<Result> {
  const topic = `bench/bare/${qos}`;
  const client = mqtt.connect(broker.url, { protocolVersion: 4, clean: true });
  await new Promise((resolve) => client.once('connect', resolve));
  (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  await client.subscribeAsync(topic, { qos });
  let received = 0;
  let first = 0;
  let last = 0;
  client.on('message', () => {
    if (received++ === 0) first = performance.now();
    last = performance.now();
  });
  await publish(broker, topic, qos);
  await settle(() => received);
  await client.endAsync();
  return { received, ms: last - first, rssMb: process.memoryUsage().rss / 1e6 };
}

async function heraldCore(broker: Mosquitto, qos: 0 | 1 | 2): Promise<Result> {
  const topic = `bench/herald/${qos}`;
  const dir = tempDir('herald-bench-');
  const t = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: broker.url, topics: [{ filter: topic, qos }] }],
  });
  const source = () => t.core.getState().sources.find((s) => s.ephemeral)!;
  while (source().status.state !== 'connected') await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 200));
  let first = 0;
  let last = 0;
  let stored = 0;
  // inbox.changed is batched for the UI; the store's own count says when each commit landed.
  const poll = setInterval(() => {
    const total = t.core.getState().total;
    if (total > 0 && first === 0) first = performance.now();
    if (total !== stored) last = performance.now();
    stored = total;
  }, 1);
  await publish(broker, topic, qos);
  await settle(() => stored);
  clearInterval(poll);
  const rssMb = process.memoryUsage().rss / 1e6;
  await t.stop();
  dir.remove();
  return { received: stored, ms: last - first, rssMb };
}

const rate = (r: Result) => (r.ms > 0 ? Math.round((r.received / r.ms) * 1000) : 0);

const broker = await startMosquitto();
console.log(
  `Ingest benchmark: ${count.toLocaleString('en')} messages per run, Mosquitto on 127.0.0.1:${broker.port}, Node ${process.version}`,
);
console.log(
  '| QoS | bare mqtt.js subscriber (msg/s) | Herald core, committed to inbox (msg/s) | ratio | dropped (bare / Herald) |',
);
console.log('|---|---|---|---|---|');
try {
  for (const qos of qosLevels) {
    const bare = await bareSubscriber(broker, qos);
    const herald = await heraldCore(broker, qos);
    const ratio = rate(bare) ? (rate(herald) / rate(bare)).toFixed(2) : 'n/a';
    console.log(
      `| ${qos} | ${rate(bare).toLocaleString('en')} | ${rate(herald).toLocaleString('en')} | ${ratio} | ${count - bare.received} / ${count - herald.received} |`,
    );
  }
} finally {
  await broker.stop();
}
