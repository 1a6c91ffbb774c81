// Renderer responsiveness under load:
// `node --disable-warning=ExperimentalWarning bench/renderer.ts [--count 50000] [--rate 10000] [--scroll-ms 5000]
// [--profile]` (--profile: the page's CPU profile per phase, see renderer-profile.ts).
// Herald runs headless (`herald serve` from the build in out/, a throw-away data dir, its embedded broker) and
// Debian's Chromium opens its UI. Long tasks (PerformanceObserver 'longtask', and 'long-animation-frame' where
// Chromium has it) are collected in the page, installed before load. Phases, one after the other on one page:
// - idle: the page with no traffic, as long as the burst will take (what Chromium alone costs: the baseline);
// - burst: N messages published to `herald/bench` on the embedded broker at about R msg/s (QoS 0, paced in 10 ms
//   steps by an mqtt.js client in this process), until the newest is shown at the top of the inbox list;
// - scroll: the inbox list scrolled down by mouse wheel steps (older pages load as it goes), no traffic;
// - scroll + burst: the same scrolling while another N messages arrive at R msg/s.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { launchBrowser, REPO_ROOT, startHerald } from '../test/e2e/harness.ts';
import { PageProfiler } from './renderer-profile.ts';
import { traced, type MainThreadTasks } from './renderer-trace.ts';

const arg = (name: string) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) || undefined : undefined;
const count = arg('--count') ?? 50_000;
const rate = arg('--rate') ?? 10_000;
const scrollMs = arg('--scroll-ms') ?? 5_000;
const profiling = process.argv.includes('--profile');
const TOPIC = 'herald/bench';
const LONG_TASK_MS = 50;
const SETTLE_MS = 1_000;
const STEP_MS = 10;
/** InboxRow's ROW_HEIGHT, passed into the page (its .tsx module is not one Node loads). */
const ROW_PX = 76;

// Runs in the page before Herald's scripts: keeps every long task and long animation frame in a global that the
// bench reads and empties between phases. A string, as the page's code is not Node's (no DOM types here).
const OBSERVE = `(() => {
  const seen = { tasks: [], frames: [], loaf: PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') };
  window.__benchLong = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.tasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  if (seen.loaf) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const scripts = entry.scripts.map((s) => ({ what: s.invoker + ' ' + s.sourceFunctionName, ms: s.duration }));
        seen.frames.push({
          duration: entry.duration,
          blocking: entry.blockingDuration,
          // Style and layout at the frame's end (forced layouts inside scripts count as script time).
          layout: entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
          scripts: scripts.sort((a, b) => b.ms - a.ms).slice(0, 3),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
})();`;

interface Collected {
  tasks: number[];
  frames: { duration: number; blocking: number; layout: number; scripts: { what: string; ms: number }[] }[];
  loaf: boolean;
}

interface PhaseResult {
  name: string;
  ms: number;
  collected: Collected;
  tasks: MainThreadTasks;
  note: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes what the page observed since the last call and starts afresh. */
async function takeLongTasks(page: Page): Promise<Collected> {
  return page.evaluate<Collected>(`(() => {
    const seen = window.__benchLong;
    const taken = { tasks: seen.tasks.splice(0), frames: seen.frames.splice(0), loaf: seen.loaf };
    return taken;
  })()`);
}

function ensureBuilt(): void {
  if (existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'))) return;
  console.log('out/renderer is missing: running "npx electron-vite build --logLevel warn" first');
  const built = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the build failed: run "npx electron-vite build" and fix what it reports');
}

/** Publishes `total` messages at about `perSecond`, numbered from `first`; resolves when the last is written. */
async function publishPaced(client: mqtt.MqttClient, first: number, total: number, perSecond: number): Promise<void> {
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.ceil(((performance.now() - started) / 1000) * perSecond) + 1);
    const writes: Promise<unknown>[] = [];
    for (; sent < due; sent++) {
      const n = first + sent;
      const payload = JSON.stringify({
        title: `Alert ${n}`,
        message: `Sensor ${n % 50} reported value ${n}`,
        priority: 3,
      });
      writes.push(client.publishAsync(TOPIC, payload, { qos: 0 }));
    }
    await Promise.all(writes);
    await sleep(STEP_MS);
  }
}

/** Resolves once the list shows the message titled "Alert n" (the newest, at the top when scrolled to the top).
 * Polled from here: the page's CSP (no eval) rules out Playwright's waitForFunction with a string. */
async function shown(page: Page, n: number, timeoutMs = 120_000): Promise<void> {
  const title = JSON.stringify(`Alert ${n}`);
  const check = `[...document.querySelectorAll('.inbox-list .row-title')].some((el) => el.textContent === ${title})`;
  const deadline = performance.now() + timeoutMs;
  while (!(await page.evaluate(check))) {
    if (performance.now() > deadline) throw new Error(`"Alert ${n}" was not shown within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Wheel steps over the list for `ms`; resolves with how far the list got, in rows. */
async function scrollList(page: Page, ms: number): Promise<{ rows: number; loaded: number }> {
  const box = await page.locator('.inbox-list').boundingBox();
  if (!box) throw new Error('the inbox list is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await page.mouse.wheel(0, 400);
    await sleep(16);
  }
  return page.evaluate<{ rows: number; loaded: number }>(`(() => {
    const list = document.querySelector('.inbox-list');
    return { rows: Math.round(list.scrollTop / ${ROW_PX}), loaded: Math.round(list.scrollHeight / ${ROW_PX}) };
  })()`);
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Where the longest animation frames of a phase went: scripts (by what invoked them) and style + layout. */
function printLongestFrames(result: PhaseResult): void {
  const longest = [...result.collected.frames].sort((a, b) => b.duration - a.duration).slice(0, 3);
  for (const frame of longest) {
    const scripts = frame.scripts.map((s) => `${s.what.trim()} ${ms(s.ms)}`).join(', ');
    console.log(`${result.name}: frame ${ms(frame.duration)}, style+layout ${ms(frame.layout)}; scripts: ${scripts}`);
  }
}

function printTable(results: PhaseResult[]): void {
  const loaf = results.some((r) => r.collected.loaf);
  const header = ['phase', 'time', 'long tasks', 'p50', 'max', 'blocked', ...(loaf ? ['LoAF', 'LoAF max'] : [])];
  header.push('main CPU', 'tasks > 50 ms CPU', 'max task CPU');
  const rows = results.map((r) => {
    const { tasks, frames } = r.collected;
    const blocked = tasks.reduce((sum, d) => sum + Math.max(0, d - LONG_TASK_MS), 0);
    const frameMax = frames.reduce((max, f) => Math.max(max, f.duration), 0);
    return [
      r.name,
      ms(r.ms),
      String(tasks.length),
      ms(percentile(tasks, 0.5)),
      ms(Math.max(0, ...tasks)),
      ms(blocked),
      ...(loaf ? [String(frames.length), ms(frameMax)] : []),
      ms(r.tasks.cpuMs),
      String(r.tasks.overCpu),
      ms(r.tasks.maxCpuMs),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  for (const r of results) if (r.note) console.log(`${r.name}: ${r.note}`);
  if (profiling) for (const r of results) printLongestFrames(r);
  console.log(
    `long tasks, p50, max, blocked (each long task's time beyond ${LONG_TASK_MS} ms, added up), LoAF: wall time ` +
      `seen by the page; main CPU, tasks > 50 ms CPU, max task CPU: the renderer main thread's CPU time from ` +
      `Chromium's trace (what the page's work costs, whatever else the machine runs). ` +
      `Load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}. Goal: no long task over 50 ms.`,
  );
}

ensureBuilt();
const server = await startHerald();
const browser = await launchBrowser();
const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.brokerPort}`, {
  protocolVersion: 4,
  clean: true,
  reconnectPeriod: 0,
});
// A step that fell behind writes many messages at once, each waiting for the socket's drain: not a leak.
(publisher.stream as unknown as { setMaxListeners(n: number): void }).setMaxListeners(0);
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({ content: OBSERVE });
  await page.goto(server.url);
  await page
    .getByText(/Embedded broker/)
    .first()
    .waitFor({ timeout: 20_000 });
  await sleep(SETTLE_MS);
  await takeLongTasks(page);
  const profiler = profiling ? await PageProfiler.attach(page) : null;
  const burstMs = (count / rate) * 1000;
  console.log(
    `Renderer benchmark: ${count.toLocaleString('en')} messages at ${rate.toLocaleString('en')} msg/s, ` +
      `scrolling ${scrollMs} ms; Chromium ${browser.version()}`,
  );
  const results: PhaseResult[] = [];
  /** Runs one phase's work (which returns its note), traced, settled, profiled when asked. */
  const phase = async (name: string, work: () => Promise<string>, profile = profiling) => {
    if (profile) await profiler?.start();
    const started = performance.now();
    const { result: note, tasks } = await traced(browser, page, async () => {
      const said = await work();
      await sleep(SETTLE_MS);
      return said;
    });
    const elapsed = performance.now() - started;
    if (profile) await profiler?.stop(name);
    results.push({ name, ms: elapsed, collected: await takeLongTasks(page), tasks, note });
  };

  // Baseline: the same page, no traffic, for as long as the burst is meant to take.
  await phase('idle (baseline)', () => sleep(burstMs).then(() => ''), false);

  // The burst, until the newest message is at the top of the list.
  await phase('burst', async () => {
    const started = performance.now();
    await publishPaced(publisher, 0, count, rate);
    const published = performance.now();
    await shown(page, count - 1);
    const perSecond = Math.round(count / ((published - started) / 1000));
    return (
      `published in ${ms(published - started)} (${perSecond.toLocaleString('en')} msg/s); ` +
      `last message visible ${ms(performance.now() - published)} after it was sent`
    );
  });

  // Scrolling down from the top, older pages loading as the end comes near.
  await phase('scroll', async () => {
    const reached = await scrollList(page, scrollMs);
    return `scrolled ${reached.rows.toLocaleString('en')} rows down, ${reached.loaded.toLocaleString('en')} rows loaded`;
  });

  // Scrolling on while another burst arrives (the rows read stay put as new ones are prepended above them).
  await phase(
    'scroll + burst',
    async () => {
      const [, during] = await Promise.all([publishPaced(publisher, count, count, rate), scrollList(page, scrollMs)]);
      await page.evaluate(`document.querySelector('.inbox-list').scrollTop = 0`);
      await shown(page, 2 * count - 1);
      return `scrolled to row ${during.rows.toLocaleString('en')} while ${count.toLocaleString('en')} more arrived`;
    },
    false,
  );

  printTable(results);
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  await context.close();
} finally {
  await publisher.endAsync();
  await browser.close();
  await server.stop();
}
