// Reconnect benchmark: Mosquitto (persistence on) is stopped and started again on the same port while a
// publisher keeps sending; how long until Herald is connected again and has stored every message sent while
// the broker was down or just after. Baseline in the same run: a bare mqtt.js subscriber with its default
// fixed reconnect period (1 s). Both keep a persistent session (clean=false, fixed client id), so the broker
// queues the messages for them; each round starts both afresh (Herald's backoff starts over).
// Usage: node --disable-warning=ExperimentalWarning bench/reconnect.ts [--rounds 5] [--count 5000] [--down-ms 1000]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { startTestCore, tempDir } from '../test/helpers/core.ts';
import { PersistentMosquitto } from '../test/reliability/helpers/brokers.ts';

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const rounds = arg('--rounds', 5);
const count = arg('--count', 5000);
const downMs = arg('--down-ms', 1000);
const publisherScript = fileURLToPath(new URL('../test/reliability/helpers/chaos-publisher.ts', import.meta.url));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Times {
  reconnectedMs: number;
  caughtUpMs: number;
}

async function until(check: () => boolean, timeoutMs = 120_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await sleep(2);
  }
  return performance.now();
}

async function round(
  broker: PersistentMosquitto,
  dataDir: string,
  n: number,
): Promise<{ herald: Times; bare: Times; publisherMs: number }> {
  const topic = `bench/reconnect/${n}`;
  const t = await startTestCore({
    dataDir,
    brokerPort: 'off',
    extraSources: [
      {
        kind: 'mqtt',
        url: broker.url,
        clientId: 'bench-herald',
        clean: false,
        topics: [{ filter: 'bench/reconnect/#', qos: 1 }],
      },
    ],
  });
  const source = () => t.core.getState().sources.find((s) => s.ephemeral)!;
  await until(() => source().status.state === 'connected');
  const baseline = t.core.getState().total;

  const bare = mqtt.connect(broker.url, {
    clientId: 'bench-bare',
    clean: false,
    reconnectPeriod: 1000,
    protocolVersion: 4,
  });
  bare.on('error', () => {});
  await new Promise((resolve) => bare.once('connect', resolve));
  await bare.subscribeAsync('bench/reconnect/#', { qos: 1 });
  let bareReceived = 0;
  let bareConnectedAt = 0;
  bare.on('message', (received) => received === topic && bareReceived++);

  await broker.stop();
  // The publisher starts while the broker is down: its first messages wait in its own session store.
  const publisher = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', publisherScript, broker.url, topic, String(count), '1', '0', '4', 'json'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const published = new Promise<number>((resolve) => publisher.once('exit', () => resolve(performance.now())));
  await sleep(downMs);
  await broker.start();
  const up = performance.now();
  bare.once('connect', () => (bareConnectedAt = performance.now()));

  // All watched at once: each time is when its condition was first seen (polled every 2 ms).
  const [heraldConnected, heraldCaughtUp, bareConnected, bareCaughtUp, publishedAt] = await Promise.all([
    until(() => source().status.state === 'connected'),
    until(() => t.core.getState().total - baseline >= count),
    until(() => bareConnectedAt > 0).then(() => bareConnectedAt),
    until(() => bareReceived >= count),
    published,
  ]);

  await bare.endAsync();
  await t.stop();
  return {
    herald: { reconnectedMs: heraldConnected - up, caughtUpMs: heraldCaughtUp - up },
    bare: { reconnectedMs: bareConnected - up, caughtUpMs: bareCaughtUp - up },
    publisherMs: publishedAt - up,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${Math.round(value).toLocaleString('en')}`;

const broker = new PersistentMosquitto();
await broker.start();
const dir = tempDir('herald-bench-reconnect-');
console.log(
  `Reconnect benchmark: ${rounds} restarts of Mosquitto (SIGTERM, persistence on, down ${downMs} ms), ` +
    `${count.toLocaleString('en')} QoS 1 messages published per restart, Node ${process.version}`,
);
console.log('Times in ms after the broker listens again.');
console.log(
  '| round | Herald connected | Herald caught up | bare mqtt.js connected | bare caught up | publisher done |',
);
console.log('|---|---|---|---|---|---|');
const results: Awaited<ReturnType<typeof round>>[] = [];
try {
  for (let n = 1; n <= rounds; n++) {
    const r = await round(broker, dir.path, n);
    results.push(r);
    console.log(
      `| ${n} | ${ms(r.herald.reconnectedMs)} | ${ms(r.herald.caughtUpMs)} | ${ms(r.bare.reconnectedMs)} | ${ms(r.bare.caughtUpMs)} | ${ms(r.publisherMs)} |`,
    );
  }
  const column = (pick: (r: (typeof results)[number]) => number) =>
    `${ms(median(results.map(pick)))} / ${ms(Math.max(...results.map(pick)))}`;
  console.log(
    `| median / max | ${column((r) => r.herald.reconnectedMs)} | ${column((r) => r.herald.caughtUpMs)} | ` +
      `${column((r) => r.bare.reconnectedMs)} | ${column((r) => r.bare.caughtUpMs)} | ${column((r) => r.publisherMs)} |`,
  );
} finally {
  await broker.remove();
  dir.remove();
}
