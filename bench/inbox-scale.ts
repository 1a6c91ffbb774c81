// Read state, pins and retention on a large inbox:
// `node --disable-warning=ExperimentalWarning bench/inbox-scale.ts [messages]` (default 1,000,000).
// Fills a real SQLite file through the store's batch API (mixed sizes, some CJK, 3 sources, 50 topics), then
// times mark all read, mark unread, pin, list pages (plain, unread only, filtered, searched, with pins), a filtered
// "mark all read" through its command (walked in steps) and a retention purge (in steps), reporting for the last
// two the longest the event loop was held (what ingest and the UI would wait at most), and a topic's chart values.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { toNewMessage } from '../src/main/core/pipeline/to-new-message.ts';
import type { NewMessage } from '../src/main/core/messages.ts';
import { createInboxHandlers } from '../src/main/core/service/inbox-handlers.ts';
import { defaultSettings } from '../src/main/core/settings/schema.ts';
import { MessageStore, type ListOptions } from '../src/main/core/store/message-store.ts';
import { RetentionRunner } from '../src/main/core/store/retention-runner.ts';
import { StoreWrites } from '../src/main/core/store/inbox-writes.ts';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const REPEATS = 20;
const dir = mkdtempSync(join(tmpdir(), 'herald-bench-inbox-scale-'));
const encoder = new TextEncoder();
const words = ['door', 'window', 'motion', 'temperature', 'humidity', 'backup', 'disk', 'alarm', 'battery', 'light'];

function message(i: number): NewMessage {
  const word = words[i % words.length]!;
  const long = i % 50 === 0 ? ` ${'lorem ipsum dolor sit amet '.repeat(100)}` : '';
  const text =
    i % 7 === 0
      ? JSON.stringify({ title: `客厅温度 ${i % 40}°C`, message: `传感器 ${i}` })
      : JSON.stringify({ title: `${word} ${i % 1000}`, message: `${word} event number${i}${long}` });
  return toNewMessage(
    {
      sourceId: `src-${i % 3}`,
      sourceName: ['Home', 'Office', 'Lab'][i % 3]!,
      topic: `site/${i % 5}/${word}`,
      receivedAt: 1.7e12 + i * 1000,
      payload: encoder.encode(text),
    },
    { maxBytes: 256 * 1024 },
  );
}

function chartMessage(j: number): NewMessage {
  const payload = encoder.encode(JSON.stringify({ temp: 20 + Math.sin(j / 10) }));
  return toNewMessage(
    { sourceId: 'src-0', sourceName: 'Home', topic: 'site/chart/temp', receivedAt: 1.8e12 + j * 1000, payload },
    { maxBytes: 256 * 1024 },
  );
}

const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;

function once(label: string, work: () => unknown): void {
  const started = performance.now();
  const result = work();
  console.log(`${label.padEnd(52)} ${fmt(performance.now() - started)}  (${String(result)})`);
}

function page(store: MessageStore, label: string, options: Omit<ListOptions, 'limit'>): void {
  const samples: number[] = [];
  let rows = 0;
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    const result = store.list({ limit: 100, ...options });
    rows = result.items.length + (result.pinned?.length ?? 0);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const p50 = samples[Math.floor(REPEATS / 2)]!;
  const p95 = samples[Math.min(REPEATS - 1, Math.floor(REPEATS * 0.95))]!;
  console.log(`${label.padEnd(52)} p50 ${fmt(p50)}  p95 ${fmt(p95)}  rows ${rows}`);
}

/** Runs async work while measuring the longest event-loop stall it caused. */
async function stalls<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; maxStallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  delay.disable();
  return { result, ms, maxStallMs: delay.max / 1e6 };
}

try {
  const file = join(dir, 'inbox.sqlite');
  let store = MessageStore.open(file);
  const filling = performance.now();
  for (let i = 0; i < COUNT; i += 1000) {
    store.applyBatch(Array.from({ length: Math.min(1000, COUNT - i) }, (_, j) => message(i + j)));
  }
  console.log(`${COUNT.toLocaleString('en-US')} messages stored in ${Math.round(performance.now() - filling)} ms\n`);

  page(store, 'unread only, first page (nothing read yet)', { unreadOnly: true });
  once('mark all read (watermark)', () => store.markAllRead());
  const newest = store.newestId();
  once('mark unread 1 message', () => store.markUnread([newest - 10]).length);
  const spread = (n: number) => Array.from({ length: n }, (_, i) => 1 + i * Math.floor(newest / n));
  once('mark unread 100 messages', () => store.markUnread(spread(100)).length);
  once('mark read 1 (an exception below the watermark)', () => store.markRead([newest - 10]).length);
  once(
    'pin 10 messages',
    () =>
      store.pin(
        spread(10).map((id) => id + 4),
        true,
      ).length,
  );
  once('counts() (the badge)', () => JSON.stringify(store.counts()));
  page(store, 'first page with 10 pins', {});
  page(store, 'unread only after mark all (100 exceptions)', { unreadOnly: true });
  page(store, 'filter topic site/0/door (exact)', { topic: 'site/0/door' });
  page(store, 'filter topic site/+/backup (wildcard)', { topic: 'site/+/backup' });
  page(store, 'filter topic + unread only', { topic: 'site/+/backup', unreadOnly: true });
  // Pins on top of a search come from the index (terms AND the pin token): none, some or all of them match.
  page(store, 'search "door" (no pin matches)', { search: 'door' });
  page(store, 'search "humidity" (the 10 pins match)', { search: 'humidity' });
  page(store, 'search "event" (most messages and pins match)', { search: 'event' });
  page(store, 'search "humidity" + source + topic filter', {
    search: 'humidity',
    sourceId: 'src-1',
    topic: 'site/+/humidity',
  });
  store.close();
  once('reopen (counts unread from watermark + exceptions)', () => {
    store = MessageStore.open(file);
    return JSON.stringify(store.counts());
  });

  store.applyBatch(Array.from({ length: 20_000 }, (_, j) => message(COUNT + j)));
  const settings = defaultSettings();
  const writes = new StoreWrites(store);
  const runner = new RetentionRunner({
    store,
    writes,
    rules: () => settings.inbox.retention,
    onRemoved: () => {},
    onProgress: () => {},
    onError: (err) => {
      throw err;
    },
  });
  const handlers = createInboxHandlers({
    store,
    writes,
    readChanged: () => {},
    removed: () => {},
    settings: () => settings,
    saveSettings: () => {},
    retention: runner,
  });
  const marking = await stalls(async () => handlers['inbox.markAllRead']({ filters: { topic: 'site/+/door' } }));
  console.log(
    `${'mark all read, filter site/+/door (20k new)'.padEnd(52)} ${fmt(marking.ms)}  ` +
      `marked ${marking.result.marked}, longest stall ${marking.maxStallMs.toFixed(1)} ms`,
  );

  const before = store.counts().total;
  settings.inbox.retention = [{ maxCount: Math.floor(COUNT / 2) }];
  const purging = await stalls(() => runner.run());
  const deleted = before - store.counts().total;
  console.log(
    `${'retention purge (keep newest half)'.padEnd(52)} ${fmt(purging.ms)}  deleted ${deleted.toLocaleString('en-US')}, ` +
      `${Math.round(deleted / (purging.ms / 1000)).toLocaleString('en-US')} msg/s, ` +
      `longest stall ${purging.maxStallMs.toFixed(1)} ms, pinned kept ${store.list({ limit: 1 }).pinned?.length}`,
  );
  runner.stop();
  // The detail view's chart: 1,000 numeric messages on a topic of their own, after all the others.
  store.applyBatch(Array.from({ length: 1000 }, (_, j) => chartMessage(j)));
  const chart = { sourceId: 'src-0', topic: 'site/chart/temp', path: '$.temp', limit: 200 };
  const charting: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    store.values(chart);
    charting.push(performance.now() - started);
  }
  charting.sort((x, y) => x - y);
  console.log(`${'chart values, 200 of 1,000 on one topic ($.temp)'.padEnd(52)} p50 ${fmt(charting[REPEATS / 2]!)}`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
