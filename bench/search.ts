// Search latency on a large inbox: `node --disable-warning=ExperimentalWarning bench/search.ts [messages]`.
// Fills an inbox through the real store (mixed sizes, some CJK, 50 topics, 3 sources, index kept on insert),
// then times the first page (100 rows) of searches and filters of different selectivity: p50/p95 over repeats.
// Also times indexing an inbox from before search (the background backfill, in its steps).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { toNewMessage } from '../src/main/core/pipeline/to-new-message.ts';
import type { NewMessage } from '../src/main/core/messages.ts';
import { MessageStore, type ListOptions } from '../src/main/core/store/message-store.ts';

const COUNT = Number(process.argv[2] ?? 200_000);
const REPEATS = 30;
const dir = mkdtempSync(join(tmpdir(), 'herald-bench-search-'));
const encoder = new TextEncoder();
const words = ['door', 'window', 'motion', 'temperature', 'humidity', 'backup', 'disk', 'alarm', 'battery', 'light'];
const cjk = ['客厅温度', '卧室湿度', '门已打开', '备份完成', '电池电量低'];

function message(i: number): NewMessage {
  const word = words[i % words.length]!;
  const long = i % 50 === 0 ? ` ${'lorem ipsum dolor sit amet '.repeat(200)}` : '';
  const text =
    i % 7 === 0
      ? JSON.stringify({ title: `${cjk[i % cjk.length]} ${i % 40}°C`, message: `传感器 ${i}` })
      : JSON.stringify({
          title: `${word} ${i % 1000}`,
          message: `${word} event number${i} at node ${i % 97}${long}`,
          priority: i % 13 === 0 ? 5 : 3,
        });
  return toNewMessage(
    {
      sourceId: `src-${i % 3}`,
      sourceName: ['Home', 'Office', 'Lab'][i % 3]!,
      topic: `site/${i % 5}/${word}/${i % 10}`,
      receivedAt: 1.7e12 + i * 1000,
      payload: encoder.encode(text),
    },
    { maxBytes: 256 * 1024 },
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function time(store: MessageStore, label: string, options: Omit<ListOptions, 'limit'>): void {
  const samples: number[] = [];
  let rows = 0;
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    rows = store.list({ limit: 100, ...options }).items.length;
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const fmt = (ms: number) => ms.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(44)} p50 ${fmt(percentile(samples, 0.5))} ms  p95 ${fmt(percentile(samples, 0.95))} ms  rows ${rows}`,
  );
}

try {
  const file = join(dir, 'inbox.sqlite');
  const store = MessageStore.open(file);
  let started = performance.now();
  for (let i = 0; i < COUNT; i += 500) {
    store.applyBatch(Array.from({ length: Math.min(500, COUNT - i) }, (_, j) => message(i + j)));
  }
  console.log(
    `${COUNT.toLocaleString('en-US')} messages stored with the index in ${Math.round(performance.now() - started)} ms`,
  );
  time(store, 'plain first page', {});
  time(store, 'search "door" (common word)', { search: 'door' });
  time(store, 'search "temp" (prefix)', { search: 'temp' });
  time(store, 'search "\\"number12345\\"" (one message)', { search: '"number12345"' });
  time(store, 'search "number1234" (prefix, few messages)', { search: 'number1234' });
  time(store, 'search "door event" (two words)', { search: 'door event' });
  time(store, 'search "\\"motion event\\"" (phrase)', { search: '"motion event"' });
  time(store, 'search "温度" (CJK)', { search: '温度' });
  time(store, 'search "电池电量低" (CJK, 5 chars)', { search: '电池电量低' });
  time(store, 'search "nothing" (no match)', { search: 'zzzznothing' });
  time(store, 'search "d" (single letter, recent window)', { search: 'd' });
  time(store, 'search "lorem" (long bodies only)', { search: 'lorem' });
  time(store, 'source filter', { sourceId: 'src-1' });
  time(store, 'topic filter site/1/disk/6 (exact)', { topic: 'site/1/disk/6' });
  time(store, 'topic filter site/+/disk/# (wildcards)', { topic: 'site/+/disk/#' });
  time(store, 'topic filter +/+/alarm/7 (leading wildcard)', { topic: '+/+/alarm/7' });
  time(store, 'priority >= 4', { minPriority: 4 });
  time(store, 'date range (a day in the middle)', {
    since: 1.7e12 + COUNT * 500,
    until: 1.7e12 + COUNT * 500 + 86_400_000,
  });
  time(store, 'search "door" + source + topic + unread', {
    search: 'door',
    sourceId: 'src-0',
    topic: 'site/#',
    unreadOnly: true,
  });
  store.close();

  // The upgrade path: drop the index as if the inbox were from before search, then backfill it.
  const db = new DatabaseSync(file);
  db.exec(
    `DELETE FROM messages_fts; INSERT OR REPLACE INTO search_backfill VALUES (1, (SELECT max(id) FROM messages), ${COUNT})`,
  );
  db.close();
  const upgraded = MessageStore.open(file);
  started = performance.now();
  const stepMs: number[] = [];
  for (;;) {
    const step = performance.now();
    const left = upgraded.indexSearchStep();
    stepMs.push(performance.now() - step);
    if (left === 0) break;
  }
  stepMs.sort((a, b) => a - b);
  const steps = stepMs.length;
  const longest = stepMs.at(-1)!;
  const over50 = stepMs.filter((ms) => ms > 50).length;
  const ms = performance.now() - started;
  console.log(
    `backfill: ${Math.round(COUNT / (ms / 1000)).toLocaleString('en-US')} msg/s, ${steps} steps, p50 ${percentile(stepMs, 0.5).toFixed(1)} ms, p95 ${percentile(stepMs, 0.95).toFixed(1)} ms, longest ${longest.toFixed(1)} ms, ${over50} over 50 ms`,
  );
  upgraded.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
