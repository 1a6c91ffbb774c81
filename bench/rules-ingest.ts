// Ingest with rules: `node --disable-warning=ExperimentalWarning bench/rules-ingest.ts [messages]`. The whole
// pipeline as the core runs it (decode -> rules -> one SQLite transaction per turn, every message committed),
// once with no rules and once with the 1,000 rules of rules-workload.ts, alternating over several rounds after
// a warm-up of each, so both see the same machine. Prints each round, the median ratio and its spread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from '../src/main/core/messages.ts';
import { createPipeline } from '../src/main/core/pipeline/pipeline.ts';
import { RulesEngine } from '../src/main/core/rules/engine.ts';
import { MessageStore } from '../src/main/core/store/message-store.ts';
import { makeSubject, rulesDocument } from './rules-workload.ts';
import { StoreWrites } from '../src/main/core/store/inbox-writes.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const ROUNDS = 5;
/** Messages arriving per event-loop turn, roughly what a socket read of a busy broker delivers. */
const PER_TURN = 500;
const encoder = new TextEncoder();
const dir = mkdtempSync(join(tmpdir(), 'herald-bench-rules-'));

const messages: IncomingMessage[] = Array.from({ length: COUNT }, (_, i) => {
  const subject = makeSubject(i);
  return {
    sourceId: 'bench',
    sourceName: subject.sourceName,
    topic: subject.topic,
    receivedAt: 1.7e12 + i,
    payload: encoder.encode(subject.body),
  };
});
const engine = new RulesEngine(rulesDocument(1000), { timeZone: 'Europe/Berlin' });

let run = 0;
async function ingest(withRules: boolean): Promise<number> {
  const store = MessageStore.open(join(dir, `inbox-${run++}.sqlite`));
  const pipeline = createPipeline({
    writes: new StoreWrites(store),
    maxPayloadBytes: () => 256 * 1024,
    rules: () => (withRules ? engine : null),
    stateToSave: () => [],
  });
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < messages.length; i++) {
    pending.push(pipeline.sink(messages[i]!));
    if (i % PER_TURN === PER_TURN - 1) await new Promise((next) => setImmediate(next));
  }
  await Promise.all(pending);
  const rate = messages.length / ((performance.now() - started) / 1000);
  await pipeline.close();
  store.close();
  return rate;
}

const format = (rate: number) => `${Math.round(rate).toLocaleString('en-US')}/s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`${COUNT.toLocaleString('en-US')} messages per run, decode + rules + commit, ${PER_TURN} per turn`);
await ingest(false);
await ingest(true);
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so neither always inherits the other's garbage or warm caches.
  const first = round % 2 === 0;
  const a = first ? await ingest(false) : 0;
  const b = await ingest(true);
  const none = first ? a : await ingest(false);
  ratios.push(b / none);
  console.log(
    `round ${round + 1}: no rules ${format(none)}   1,000 rules ${format(b)}   ratio ${(b / none).toFixed(2)}`,
  );
}
console.log(
  `median ratio ${median(ratios).toFixed(2)} (spread ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`,
);
rmSync(dir, { recursive: true, force: true });
