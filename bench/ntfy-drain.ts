// ntfy catch-up benchmark: `node --disable-warning=ExperimentalWarning bench/ntfy-drain.ts [--count 10000] [--rounds 3]`.
// N messages wait in an ntfy server (the test server, in its own process) for a subscriber that was away; then
// it comes back with since=. Compared, alternating over rounds after a warm-up: a bare client that fetches
// `since=all` with poll=1 and parses each line (time from the request to the last line) and Herald's core with
// an ntfy source (time from starting the core to the last message committed). Herald's event-loop delay
// during the drain is reported too.
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startTestCore, tempDir } from '../test/helpers/core.ts';

const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
const count = arg('--count') ?? 10_000;
const rounds = arg('--rounds') ?? 3;
const serverScript = fileURLToPath(new URL('./ntfy-server-process.ts', import.meta.url));

const server = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', serverScript], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const replies = createInterface({ input: server.stdout });
const nextReply = () => new Promise<string>((resolve) => replies.once('line', resolve));
const port = Number((await nextReply()).split(' ')[1]);
const url = `http://127.0.0.1:${port}`;

async function publish(topic: string, messages: number): Promise<void> {
  const done = nextReply();
  server.stdin.write(`publish ${topic} ${messages}\n`);
  await done;
}

const until = async (done: () => boolean, what: string, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
};

async function bareDrain(round: number, messages: number): Promise<number> {
  const topic = `bare_${round}_${messages}`;
  await publish(topic, messages);
  const started = performance.now();
  const response = await fetch(`${url}/${topic}/json?poll=1&since=all`);
  let received = 0;
  let rest = '';
  for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line && (JSON.parse(line) as { event: string }).event === 'message') received++;
  }
  if (received !== messages) throw new Error(`bare client got ${received} of ${messages}`);
  return performance.now() - started;
}

async function heraldDrain(round: number, messages: number): Promise<{ ms: number; loopP99: number; loopMax: number }> {
  const dir = tempDir('herald-ntfy-drain-');
  const topic = `herald_${round}_${messages}`;
  const options = {
    dataDir: dir.path,
    brokerPort: 'off' as const,
    extraSources: [{ kind: 'ntfy' as const, url, topics: [topic] }],
  };
  // The first run records where the source starts; what is published while it is away is its backlog.
  const first = await startTestCore(options);
  await until(
    () => first.core.getState().sources.find((s) => s.ephemeral)?.status.state === 'connected',
    'first connect',
  );
  await first.stop();
  await new Promise((r) => setTimeout(r, 1_100));
  await publish(topic, messages);

  const loop = monitorEventLoopDelay({ resolution: 5 });
  const started = performance.now();
  const t = await startTestCore(options);
  loop.enable();
  await until(() => t.core.getState().total >= messages, 'herald drain');
  const ms = performance.now() - started;
  loop.disable();
  await t.stop();
  dir.remove();
  return { ms, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fixed = (n: number, digits = 0) => n.toFixed(digits);

try {
  console.log(`ntfy catch-up benchmark: ${count.toLocaleString('en')} waiting messages, ${rounds} alternating rounds`);
  await bareDrain(-1, Math.round(count / 5));
  await heraldDrain(-1, Math.round(count / 5));
  const bare: number[] = [];
  const herald: { ms: number; loopP99: number; loopMax: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      bare.push(await bareDrain(round, count));
      herald.push(await heraldDrain(round, count));
    } else {
      herald.push(await heraldDrain(round, count));
      bare.push(await bareDrain(round, count));
    }
    const h = herald.at(-1)!;
    console.log(
      `round ${round + 1}: bare ${fixed(bare.at(-1)!)} ms, Herald ${fixed(h.ms)} ms (ratio ${fixed(bare.at(-1)! / h.ms, 2)}); ` +
        `Herald's loop delay p99 ${fixed(h.loopP99, 1)} ms, max ${fixed(h.loopMax, 1)} ms`,
    );
  }
  const ratios = bare.map((b, i) => b / herald[i]!.ms);
  console.log(
    `median: bare ${fixed(median(bare))} ms, Herald ${fixed(median(herald.map((h) => h.ms)))} ms, ratio ${fixed(median(ratios), 2)} ` +
      `(spread ${fixed(Math.min(...ratios), 2)}-${fixed(Math.max(...ratios), 2)}); loop p99 median ${fixed(median(herald.map((h) => h.loopP99)), 1)} ms`,
  );
} finally {
  server.stdin.end();
}
