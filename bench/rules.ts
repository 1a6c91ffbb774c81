// Rules engine throughput: `node --disable-warning=ExperimentalWarning bench/rules.ts [subjects]`. Decides the
// same subjects (mixed MQTT topics, JSON and text bodies) with 1,000 mixed rules (topic filters with wildcards,
// keyword lists, a few regexes, value conditions, `changed`, `for`, limits, quiet hours) and with no rules, in
// one run, and prints both rates and their ratio. decide() alone: no decoding, no store.
import type { RuleSubject } from '../src/main/core/rules/decision.ts';
import { RulesEngine } from '../src/main/core/rules/engine.ts';
import { checkRulesDocument, type RuleInput, type RulesDocument } from '../src/shared/rules/schema.ts';

const COUNT = Number(process.argv[2] ?? 200_000);
const RULES = 1000;
const ROUNDS = 3;

/** Deterministic numbers, so every run decides the same subjects with the same rules. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(42);
const int = (n: number) => Math.floor(next() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

const SITES = 100;
const ROOMS = 20;
const SENSORS = ['temp', 'humidity', 'door', 'motion', 'light'] as const;
const WORDS = ['error', 'failed', 'alarm', 'leak', 'smoke', 'offline', 'battery', 'timeout', 'denied', 'overheat'];
const ACTIONS = ['notify', 'silent', 'read', 'drop'] as const;

function makeRule(i: number): RuleInput {
  const name = `rule ${i}`;
  const action = pick(ACTIONS);
  const site = `site${int(SITES)}`;
  const room = `room${int(ROOMS)}`;
  const topic = pick([
    `${site}/${room}/${pick(SENSORS)}`,
    `${site}/${room}/+`,
    `${site}/+/${pick(SENSORS)}`,
    `+/${room}/${pick(SENSORS)}`,
    `${site}/#`,
    `${site}/${room}/#`,
  ]);
  const kind = i % 20;
  if (kind < 6) return { name, match: { topic }, action };
  if (kind < 9) return { name, match: { topic, text: [pick(WORDS), pick(WORDS), `${pick(WORDS)} ${i}`] }, action };
  if (kind < 12) return { name, match: { topic, value: `$.temperature > ${20 + int(15)}` }, action, priority: 4 };
  if (kind === 12) return { name, match: { topic, value: "$.state == 'open'" }, action: 'notify', limit: '1/60s' };
  if (kind === 13) return { name, match: { topic, value: '$.state changed' }, action: 'notify' };
  if (kind === 14) return { name, match: { topic, value: '$.temperature > 30' }, for: '5m', action: 'notify' };
  if (kind === 15) return { name, match: { topic, priority: '>=4' }, when: { time: '22:00-07:00' }, action: 'silent' };
  if (kind === 16) return { name, match: { topic, text: `/${pick(WORDS)}(ed|ing)? #${i}\\b/i` }, action };
  // Rules without a topic filter are candidates for every message: keyword lists, a source, a few regexes.
  if (kind === 17) return { name, match: { text: [`${pick(WORDS)}-${i}`, `code ${i}`, `温度${i}`] }, action };
  if (kind === 18) return { name, match: { source: `other-${i}` }, action };
  return i % 100 === 19
    ? { name, match: { text: `/disk ${i} (full|failing)/i` }, action: 'notify', priority: 5 }
    : { name, match: { priority: '5', text: [`${pick(WORDS)} ${i}`] }, action: 'notify' };
}

function makeSubject(i: number): RuleSubject {
  const unique = i % 20 === 0; // one topic in twenty is new: the index's cache misses
  const topic = unique
    ? `site${int(SITES)}/${int(1e9).toString(36)}/temp`
    : `site${int(SITES)}/room${int(ROOMS)}/${pick(SENSORS)}`;
  const jsonBody = i % 2 === 0;
  const body = jsonBody
    ? JSON.stringify({ temperature: 15 + int(200) / 10, humidity: int(100), state: pick(['open', 'closed']) })
    : `${pick(['Motion', 'Door', 'Sensor'])} ${pick(WORDS)} in room ${int(ROOMS)} at ${new Date(1.7e12 + i * 1000).toISOString()}`;
  return {
    sourceId: 'bench',
    sourceName: 'Bench broker',
    sourceKind: 'mqtt',
    topic,
    title: i % 3 === 0 ? `Alert ${pick(WORDS)}` : null,
    body,
    bodyKind: jsonBody ? 'json' : 'text',
    priority: 1 + int(5),
    receivedAt: 0,
  };
}

function document(count: number): RulesDocument {
  const checked = checkRulesDocument({ version: 1, rules: Array.from({ length: count }, (_, i) => makeRule(i)) });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
  return checked.document;
}

/** Decisions per second over all subjects; the clock advances 5 ms per message. */
function measure(engine: RulesEngine, subjects: RuleSubject[], start: number): { rate: number; decided: number } {
  let decided = 0;
  const began = performance.now();
  for (let i = 0; i < subjects.length; i++) if (engine.decide(subjects[i]!, start + i * 5).rule !== null) decided++;
  return { rate: subjects.length / ((performance.now() - began) / 1000), decided };
}

const subjects = Array.from({ length: COUNT }, (_, i) => makeSubject(i));
const built = performance.now();
const ruled = new RulesEngine(document(RULES), { timeZone: 'Europe/Berlin' });
const buildMs = performance.now() - built;
const bare = new RulesEngine(document(0), { timeZone: 'Europe/Berlin' });
const format = (rate: number) => `${Math.round(rate).toLocaleString('en-US')}/s`;

console.log(`${COUNT.toLocaleString('en-US')} subjects, ${RULES} rules (built in ${buildMs.toFixed(1)} ms)`);
// Alternate the two so that both see the same machine state; keep each one's best round.
const best = { none: 0, rules: 0, decided: 0 };
const T0 = Date.parse('2026-06-10T20:00:00Z');
// One round each first, unmeasured, so that both are compiled by the JIT before they are timed.
measure(bare, subjects, T0 - COUNT * 5);
measure(ruled, subjects, T0 - COUNT * 5);
for (let round = 0; round < ROUNDS; round++) {
  const start = T0 + round * COUNT * 5;
  best.none = Math.max(best.none, measure(bare, subjects, start).rate);
  const withRules = measure(ruled, subjects, start);
  best.rules = Math.max(best.rules, withRules.rate);
  best.decided = withRules.decided;
}
const state = JSON.stringify(ruled.exportState());
console.log(`no rules          ${format(best.none)}`);
console.log(
  `${RULES} rules        ${format(best.rules)}  (${((100 * best.decided) / COUNT).toFixed(1)} % decided by a rule)`,
);
console.log(`ratio             ${(best.rules / best.none).toFixed(3)}`);
console.log(`exported state    ${(state.length / 1024).toFixed(0)} KiB`);
