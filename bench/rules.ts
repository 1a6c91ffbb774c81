// Rules engine throughput: `node --disable-warning=ExperimentalWarning bench/rules.ts [subjects]`. Decides the
// same subjects (mixed MQTT topics, JSON and text bodies) with 1,000 mixed rules (topic filters with wildcards,
// keyword lists, a few regexes, value conditions, `changed`, `for`, limits, quiet hours) and with no rules, in
// one run, and prints both rates and their ratio. decide() alone: no decoding, no store.
import type { RuleSubject } from '../src/main/core/rules/decision.ts';
import { RulesEngine } from '../src/main/core/rules/engine.ts';
import { makeSubject, rulesDocument } from './rules-workload.ts';

const COUNT = Number(process.argv[2] ?? 200_000);
const RULES = 1000;
const ROUNDS = 3;

/** Decisions per second over all subjects; the clock advances 5 ms per message. */
function measure(engine: RulesEngine, subjects: RuleSubject[], start: number): { rate: number; decided: number } {
  let decided = 0;
  const began = performance.now();
  for (let i = 0; i < subjects.length; i++) if (engine.decide(subjects[i]!, start + i * 5).rule !== null) decided++;
  return { rate: subjects.length / ((performance.now() - began) / 1000), decided };
}

const subjects = Array.from({ length: COUNT }, (_, i) => makeSubject(i));
const built = performance.now();
const ruled = new RulesEngine(rulesDocument(RULES), { timeZone: 'Europe/Berlin' });
const buildMs = performance.now() - built;
const bare = new RulesEngine(rulesDocument(0), { timeZone: 'Europe/Berlin' });
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
