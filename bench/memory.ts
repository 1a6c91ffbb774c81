// Memory over a million messages: `node --disable-warning=ExperimentalWarning bench/memory.ts [--count 1000000]
// [--step 100000]`. Herald's core subscribes (QoS 1) to 1,000 topics on Mosquitto and stores every message in
// its inbox (writer worker, search index, per-topic counts, sidebar, notifications planned); after each step
// of messages, with garbage collected, the main thread's JS heap and the process's resident memory are printed.
// Beside it, in the same run and the same way, a bare mqtt.js subscriber that only counts: the growth that is
// Herald's own is the difference. Goal (inbox issue): main-process growth over 1,000,000 messages < 50 MB.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mqtt from 'mqtt';
import { publishMessages, until } from './bench-process.ts';
import { startTestCore, tempDir } from '../test/helpers/core.ts';
import { startMosquitto, type Mosquitto } from '../test/helpers/mosquitto.ts';

const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
const count = arg('--count') ?? 1_000_000;
const step = arg('--step') ?? 100_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Sample {
  messages: number;
  heapMb: number;
  rssMb: number;
}

/** `forget`: drops what the measuring harness itself keeps (the test core records every event it emits). */
async function sample(messages: number, forget: () => void = () => {}): Promise<Sample> {
  forget();
  // Twice, with a turn between: what a first collection frees may only be released by the second.
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { messages, heapMb: heapUsed / 1e6, rssMb: rss / 1e6 };
}

/** Publishes `count` messages in steps, sampling memory after each step has arrived. */
async function measure(
  broker: Mosquitto,
  topic: string,
  received: () => number,
  forget?: () => void,
): Promise<Sample[]> {
  const samples = [await sample(0, forget)];
  for (let done = 0; done < count; done += step) {
    const messages = Math.min(step, count - done);
    await publishMessages(broker.url, topic, messages, 1);
    await until(() => received() >= done + messages, `${done + messages} messages`, 300_000, 5);
    samples.push(await sample(done + messages, forget));
  }
  return samples;
}

async function bare(broker: Mosquitto): Promise<Sample[]> {
  const client = await mqtt.connectAsync(broker.url, { protocolVersion: 4, clean: true, reconnectPeriod: 0 });
  let received = 0;
  client.on('message', () => received++);
  await client.subscribeAsync('memory/bare/+', { qos: 1 });
  const samples = await measure(broker, 'memory/bare/{i}', () => received);
  await client.endAsync();
  return samples;
}

async function herald(broker: Mosquitto): Promise<Sample[]> {
  const dir = tempDir('herald-memory-');
  const t = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'mqtt', url: broker.url, topics: [{ filter: 'memory/herald/+', qos: 1 }] }],
  });
  try {
    await until(
      () => t.core.getState().sources.find((s) => s.ephemeral)?.status.state === 'connected',
      'connect',
      300_000,
      5,
    );
    const forget = () => void t.events.splice(0);
    return await measure(broker, 'memory/herald/{i}', () => t.core.getState().total, forget);
  } finally {
    await t.stop();
    dir.remove();
  }
}

const mb = (n: number) => n.toFixed(1);
const broker = await startMosquitto();
try {
  console.log(
    `Memory benchmark: ${count.toLocaleString('en')} QoS 1 messages over 1,000 topics, sampled every ${step.toLocaleString('en')}`,
  );
  const baseline = await bare(broker);
  const core = await herald(broker);
  console.log('| messages | bare heap (MB) | bare RSS (MB) | Herald heap (MB) | Herald RSS (MB) |');
  console.log('|---|---|---|---|---|');
  core.forEach((h, i) => {
    const b = baseline[i]!;
    console.log(
      `| ${h.messages.toLocaleString('en')} | ${mb(b.heapMb)} | ${mb(b.rssMb)} | ${mb(h.heapMb)} | ${mb(h.rssMb)} |`,
    );
  });
  const growth = (samples: Sample[], key: 'heapMb' | 'rssMb') => samples.at(-1)![key] - samples[1]![key];
  console.log(
    `growth from the first ${step.toLocaleString('en')} to ${count.toLocaleString('en')}: ` +
      `bare heap ${mb(growth(baseline, 'heapMb'))} MB, RSS ${mb(growth(baseline, 'rssMb'))} MB; ` +
      `Herald heap ${mb(growth(core, 'heapMb'))} MB, RSS ${mb(growth(core, 'rssMb'))} MB`,
  );
} finally {
  await broker.stop();
}
