// Ingest under broker load: `node --disable-warning=ExperimentalWarning bench/broker-load.ts [--count 20000]
// [--rounds 3] [--rate 20000] [--qos 1] [--in-process]`.
// A Herald core with its embedded broker (as Herald runs it: in a worker thread), and its default source
// subscribed to herald/#. A publisher process sends COUNT messages to herald/...; the rate is messages committed
// to the inbox over the time from the first commit to the last (as bench/ingest.ts measures Herald). Each round
// measures it quiet and while a second pair of clients (broker-load-traffic.ts, its own process) carries RATE
// msg/s of other traffic through the same broker, alternating which goes first; figures are medians with the
// spread of the per-round ratios (loaded / quiet). --in-process runs the broker on the core's own loop instead
// (how Herald ran it before the worker), for comparison.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LOOPBACK, startEmbeddedBroker, type RunningBroker } from '../src/main/core/broker/embedded-broker.ts';
import { startTestCore, tempDir } from '../test/helpers/core.ts';
import { freePort } from '../test/helpers/ports.ts';

const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
const count = arg('--count') ?? 20_000;
const rounds = arg('--rounds') ?? 3;
const loadRate = arg('--rate') ?? 20_000;
const qos = (process.argv.includes('--qos') ? Number(process.argv[process.argv.indexOf('--qos') + 1]) : 1) as 0 | 1;
const inProcess = process.argv.includes('--in-process');
const node = [process.execPath, '--disable-warning=ExperimentalWarning'] as const;
const publisherScript = fileURLToPath(new URL('./publisher.ts', import.meta.url));
const trafficScript = fileURLToPath(new URL('./broker-load-traffic.ts', import.meta.url));

function publish(url: string, topic: string, messages: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(node[0], [node[1], publisherScript, url, topic, String(messages), String(qos)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited ${code}`))));
  });
}

interface Traffic {
  child: ChildProcess;
  /** Stops it; resolves with the rate it carried (messages received per second). */
  stop(): Promise<number>;
}

async function startTraffic(url: string): Promise<Traffic> {
  const child = spawn(node[0], [node[1], trafficScript, url, String(loadRate)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let onLine: (line: string) => void = () => {};
  createInterface({ input: child.stdout }).on('line', (line) => onLine(line));
  await new Promise<void>((resolve) => (onLine = (line) => line === 'ready' && resolve()));
  // Let it reach its steady rate before anything is measured.
  await new Promise((r) => setTimeout(r, 1000));
  return {
    child,
    stop: () =>
      new Promise((resolve) => {
        onLine = (line) => {
          const [word, , received, ms] = line.split(' ');
          if (word === 'done') resolve((Number(received) / Number(ms)) * 1000);
        };
        child.kill('SIGTERM');
      }),
  };
}

const dir = tempDir('herald-bench-');
const brokerPort = await freePort();
let outside: RunningBroker | null = null;
if (inProcess) outside = await startEmbeddedBroker({ port: brokerPort, host: LOOPBACK, anonymous: true });
const url = `mqtt://${LOOPBACK}:${brokerPort}`;
const t = await startTestCore({
  dataDir: dir.path,
  brokerPort: inProcess ? 'off' : brokerPort,
  extraSources: inProcess ? [{ kind: 'mqtt', url, topics: [{ filter: 'herald/#', qos: 1 }] }] : [],
});
const ingesting = () => t.core.getState().sources.find((s) => (inProcess ? s.ephemeral : s.id === 'local'))!;
while (ingesting().status.state !== 'connected') await new Promise((r) => setTimeout(r, 10));
if (!inProcess && t.core.getState().broker.port !== brokerPort) throw new Error('the broker moved to another port');

/** Herald's ingest rate (committed messages per second) for one publisher run. */
async function ingest(topic: string, messages = count): Promise<{ perSecond: number; stored: number }> {
  const before = t.core.getState().total;
  let first = 0;
  let last = 0;
  let stored = 0;
  // The store's own count says when each commit landed.
  const poll = setInterval(() => {
    const now = t.core.getState().total - before;
    if (now > 0 && first === 0) first = performance.now();
    if (now !== stored) last = performance.now();
    stored = now;
  }, 1);
  await publish(url, topic, messages);
  let stillSince = Date.now();
  let seen = stored;
  while (stored < messages && Date.now() - stillSince < 5000) {
    await new Promise((r) => setTimeout(r, 5));
    if (stored !== seen) [seen, stillSince] = [stored, Date.now()];
  }
  clearInterval(poll);
  return { perSecond: last > first ? (stored / (last - first)) * 1000 : 0, stored };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rate = (n: number) => Math.round(n).toLocaleString('en').padStart(8);

console.log(
  `Ingest under broker load: ${count.toLocaleString('en')} QoS ${qos} messages per run, ${rounds} alternating ` +
    `rounds, other traffic ${loadRate.toLocaleString('en')} msg/s; broker ${inProcess ? 'in the core’s own loop' : 'in its worker thread'}`,
);
const quiet: number[] = [];
const loaded: number[] = [];
const carried: number[] = [];
const lost: string[] = [];
try {
  await ingest('herald/bench/warm', Math.max(1000, Math.round(count / 5)));
  for (let round = 0; round < rounds; round++) {
    for (const withLoad of round % 2 === 0 ? [false, true] : [true, false]) {
      const traffic = withLoad ? await startTraffic(url) : null;
      const result = await ingest(`herald/bench/${round}/${withLoad ? 'loaded' : 'quiet'}`);
      if (traffic) carried.push(await traffic.stop());
      (withLoad ? loaded : quiet).push(result.perSecond);
      if (result.stored < count) lost.push(`round ${round + 1} ${withLoad ? 'loaded' : 'quiet'}: ${result.stored}`);
    }
    console.log(
      `round ${round + 1}: quiet ${rate(quiet.at(-1)!)}/s, loaded ${rate(loaded.at(-1)!)}/s ` +
        `(other traffic carried ${rate(carried.at(-1)!)}/s), ratio ${(loaded.at(-1)! / quiet.at(-1)!).toFixed(2)}`,
    );
  }
  const ratios = loaded.map((value, i) => value / quiet[i]!);
  console.log(
    `\nHerald ingest, median msg/s: quiet ${rate(median(quiet))}, under load ${rate(median(loaded))}; ` +
      `ratio ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}); ` +
      `other traffic carried, median ${rate(median(carried))} msg/s`,
  );
  if (lost.length > 0) console.log(`not all committed (stored of ${count}):\n  ${lost.join('\n  ')}`);
} finally {
  await t.stop();
  await outside?.close();
  dir.remove();
}
