// Catch-up benchmark: `node --disable-warning=ExperimentalWarning bench/drain.ts [--count 100000] [--rounds 3]`.
// N QoS 1 messages wait in Mosquitto for a persistent session (sent while the subscriber was away); then the
// subscriber comes back. Compared, alternating over rounds after a warm-up: a bare mqtt.js subscriber that only
// counts (time from connecting to the last message) and Herald's core (time from starting the core to the last
// message committed to the inbox). While Herald drains, its main loop is watched: event-loop delay (p99, max)
// and the round trip of an app.getState command, every 50 ms, through the contract's dispatch.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { publishMessages, until } from './bench-process.ts';
import { dispatch } from '../src/shared/contract.ts';
import { startTestCore, tempDir } from '../test/helpers/core.ts';
import { startMosquitto, type Mosquitto } from '../test/helpers/mosquitto.ts';

const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
const count = arg('--count') ?? 100_000;
const rounds = arg('--rounds') ?? 3;

/** A bare subscriber's session: subscribe, leave, let N messages queue, come back and count them. */
async function bareDrain(broker: Mosquitto, round: number, messages: number): Promise<number> {
  const clientId = `bench-bare-${round}-${messages}`;
  const topic = `drain/bare/${round}/${messages}`;
  const options = { clientId, clean: false, protocolVersion: 4 as const, reconnectPeriod: 0 };
  const first = await mqtt.connectAsync(broker.url, options);
  await first.subscribeAsync(topic, { qos: 1 });
  await first.endAsync();
  await publishMessages(broker.url, topic, messages, 1);
  let received = 0;
  const started = performance.now();
  const client = mqtt.connect(broker.url, options);
  client.on('message', () => received++);
  await until(() => received >= messages, 'bare drain');
  const ms = performance.now() - started;
  await client.endAsync();
  return ms;
}

interface HeraldDrain {
  ms: number;
  /** Of `ms`: until the core had started (inbox opened, writer worker up, sources starting). */
  startupMs: number;
  loopP99: number;
  loopMax: number;
  commandMax: number;
}

async function heraldDrain(broker: Mosquitto, round: number, messages: number): Promise<HeraldDrain> {
  const dir = tempDir('herald-drain-');
  const topic = `drain/herald/${round}/${messages}`;
  const source = {
    kind: 'mqtt' as const,
    url: `${broker.url}`,
    clientId: `bench-herald-${round}-${messages}`,
    clean: false,
    topics: [{ filter: topic, qos: 1 as const }],
  };
  const options = { dataDir: dir.path, brokerPort: 'off' as const, extraSources: [source] };
  const first = await startTestCore(options);
  const connected = () => first.core.getState().sources.find((s) => s.ephemeral)?.status.state === 'connected';
  await until(connected, 'first connect');
  await first.stop();
  await publishMessages(broker.url, topic, messages, 1);

  const loop = monitorEventLoopDelay({ resolution: 5 });
  let commandMax = 0;
  const started = performance.now();
  const t = await startTestCore(options);
  const startupMs = performance.now() - started;
  loop.enable();
  // A command's round trip counts from when it was due (50 ms after the previous probe was scheduled): a busy
  // loop delays the timer as much as the reply. Each probe is timed from its own schedule, so the lateness of
  // one timer does not add up across probes the way a setInterval's drift would.
  let probing = true;
  const probe = () => {
    const due = performance.now() + 50;
    setTimeout(() => {
      if (!probing) return;
      void dispatch(t.core.handlers, 'app.getState', {}).then(() => {
        commandMax = Math.max(commandMax, performance.now() - due);
      });
      probe();
    }, 50);
  };
  probe();
  await until(() => t.core.getState().total >= messages, 'herald drain');
  const ms = performance.now() - started;
  probing = false;
  loop.disable();
  await t.stop();
  dir.remove();
  return { ms, startupMs, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, commandMax };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fixed = (n: number, digits = 0) => n.toFixed(digits);

const broker = await startMosquitto();
try {
  console.log(`Drain benchmark: ${count.toLocaleString('en')} queued QoS 1 messages, ${rounds} alternating rounds`);
  await bareDrain(broker, -1, Math.round(count / 5));
  await heraldDrain(broker, -1, Math.round(count / 5));
  const bare: number[] = [];
  const herald: HeraldDrain[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      bare.push(await bareDrain(broker, round, count));
      herald.push(await heraldDrain(broker, round, count));
    } else {
      herald.push(await heraldDrain(broker, round, count));
      bare.push(await bareDrain(broker, round, count));
    }
    const h = herald.at(-1)!;
    console.log(
      `round ${round + 1}: bare ${fixed(bare.at(-1)!)} ms, Herald ${fixed(h.ms)} ms (ratio ${fixed(bare.at(-1)! / h.ms, 2)}; ` +
        `core start ${fixed(h.startupMs)} ms of it); ` +
        `Herald's loop delay p99 ${fixed(h.loopP99, 1)} ms, max ${fixed(h.loopMax, 1)} ms; app.getState max ${fixed(h.commandMax, 1)} ms`,
    );
  }
  const ratios = bare.map((b, i) => b / herald[i]!.ms);
  console.log(
    `median: bare ${fixed(median(bare))} ms, Herald ${fixed(median(herald.map((h) => h.ms)))} ms, ratio ${fixed(median(ratios), 2)} ` +
      `(spread ${fixed(Math.min(...ratios), 2)}-${fixed(Math.max(...ratios), 2)}); loop p99 median ${fixed(median(herald.map((h) => h.loopP99)), 1)} ms, ` +
      `worst command ${fixed(Math.max(...herald.map((h) => h.commandMax)), 1)} ms`,
  );
} finally {
  await broker.stop();
}
