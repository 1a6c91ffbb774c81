// Ingest benchmark: in one run against the same Mosquitto, how fast Herald's core stores messages durably
// (every message committed to the SQLite inbox) compared with a bare mqtt.js subscriber that only counts.
// QoS 1/2: Herald acknowledges each message only after its commit (PUBACK; PUBCOMP, with the packet kept in the
// inbox database from PUBREC on); the bare subscriber acknowledges at once and keeps nothing.
// Fair by method: both are warmed up once (unmeasured), then they alternate over several rounds, each round
// changing which goes first, and the figures are the medians with the spread of the per-round ratios; a single
// A-then-B run measures the order (the first pays the warm-up) as much as Herald.
// Usage: npm run bench [-- --count 100000] [-- --qos 0,1,2] [-- --rounds 5]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { startMosquitto, type Mosquitto } from '../test/helpers/mosquitto.ts';
import { startTestCore, tempDir } from '../test/helpers/core.ts';

const count = Number(process.argv[process.argv.indexOf('--count') + 1]) || 100_000;
const qosLevels = (process.argv.includes('--qos') ? process.argv[process.argv.indexOf('--qos') + 1]! : '0,1,2')
  .split(',')
  .map((q) => Number(q) as 0 | 1 | 2);
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const publisherScript = fileURLToPath(new URL('./publisher.ts', import.meta.url));

interface Result {
  received: number;
  ms: number;
  rssMb: number;
}

function publish(broker: Mosquitto, topic: string, qos: 0 | 1 | 2, messages = count): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', publisherScript, broker.url, topic, String(messages), String(qos)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited ${code}`))));
  });
}

/** Waits until `received()` reaches count or stops growing for 5 s (then something was dropped). */
async function settle(received: () => number, expected = count): Promise<void> {
  let last = -1;
  let stillSince = Date.now();
  while (received() < expected) {
    await new Promise((r) => setTimeout(r, 2));
    const now = received();
    if (now !== last) {
      last = now;
      stillSince = Date.now();
    } else if (Date.now() - stillSince > 5000) return;
  }
}

async function bareSubscriber(broker: Mosquitto, qos: 0 | 1 | 2, messages = count): Promise<Result> {
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
  await publish(broker, topic, qos, messages);
  await settle(() => received, messages);
  await client.endAsync();
  return { received, ms: last - first, rssMb: process.memoryUsage().rss / 1e6 };
}

async function heraldCore(broker: Mosquitto, qos: 0 | 1 | 2, messages = count): Promise<Result> {
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
  await publish(broker, topic, qos, messages);
  await settle(() => stored, messages);
  clearInterval(poll);
  const rssMb = process.memoryUsage().rss / 1e6;
  await t.stop();
  dir.remove();
  return { received: stored, ms: last - first, rssMb };
}

const rate = (r: Result) => (r.ms > 0 ? Math.round((r.received / r.ms) * 1000) : 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const broker = await startMosquitto();
console.log(
  `Ingest benchmark: ${count.toLocaleString('en')} messages per run, ${rounds} alternating rounds after a warm-up, ` +
    `Mosquitto on 127.0.0.1:${broker.port}, Node ${process.version}`,
);
console.log(
  '| QoS | bare mqtt.js subscriber, median (msg/s) | Herald core, committed to inbox, median (msg/s) | median ratio (spread) | dropped (bare / Herald) |',
);
console.log('|---|---|---|---|---|');
try {
  for (const qos of qosLevels) {
    // Warm-up: both paths once, a fifth of the count, not measured.
    const warm = Math.max(1000, Math.round(count / 5));
    await bareSubscriber(broker, qos, warm);
    await heraldCore(broker, qos, warm);
    const bares: number[] = [];
    const heralds: number[] = [];
    const ratios: number[] = [];
    let dropped = { bare: 0, herald: 0 };
    for (let round = 0; round < rounds; round++) {
      const heraldFirst = round % 2 === 1;
      const first = heraldFirst ? await heraldCore(broker, qos) : await bareSubscriber(broker, qos);
      const second = heraldFirst ? await bareSubscriber(broker, qos) : await heraldCore(broker, qos);
      const [bare, herald] = heraldFirst ? [second, first] : [first, second];
      bares.push(rate(bare));
      heralds.push(rate(herald));
      if (rate(bare) > 0) ratios.push(rate(herald) / rate(bare));
      dropped = { bare: dropped.bare + count - bare.received, herald: dropped.herald + count - herald.received };
    }
    const spread = ratios.length ? `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}` : 'n/a';
    console.log(
      `| ${qos} | ${median(bares).toLocaleString('en')} | ${median(heralds).toLocaleString('en')} | ` +
        `${ratios.length ? median(ratios).toFixed(2) : 'n/a'} (${spread}) | ${dropped.bare} / ${dropped.herald} |`,
    );
  }
} finally {
  await broker.stop();
}
