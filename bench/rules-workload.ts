// The workload both rules benchmarks use: 1,000 mixed rules (topic filters with wildcards, keyword lists, a
// few regexes, value conditions, `changed`, `for`, limits, quiet hours) and subjects on ~10k MQTT topics with
// JSON and text bodies. Deterministic: every run builds the same rules and the same messages.
import type { RuleSubject } from '../src/main/core/rules/decision.ts';
import { checkRulesDocument, type RuleInput, type RulesDocument } from '../src/shared/rules/schema.ts';

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

export function makeSubject(i: number): RuleSubject {
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

export function rulesDocument(count: number): RulesDocument {
  const checked = checkRulesDocument({ version: 1, rules: Array.from({ length: count }, (_, i) => makeRule(i)) });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
  return checked.document;
}
