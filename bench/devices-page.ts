// The Devices page at scale, in a browser: `node --disable-warning=ExperimentalWarning bench/devices-page.ts
// [--count 10000] [--updates 200] [--timeout 120]` (seconds a phase may take; build first: `npx electron-vite build`).
// A real Mosquitto holds N retained Home Assistant switch configs and states (bench/devices-fixture.ts). `herald
// serve` from the build starts on a temporary data dir with an MQTT source on that broker (discovery on) and
// Chromium opens it (playwright-core). Timed, each from the click on "Devices" until the last switch ("Switch
// N-1", sorted last) is in the DOM, scrolling the page down as far as it goes while waiting:
//   flood  the page opened while Herald discovers the N configs (devices.changed events as they arrive);
//   open   a fresh page once Herald knows them all (one devices.list of N entities).
// Then N state updates arrive (one every 10 ms, spread over the switches) and we wait until the page received
// the last one. Long tasks (PerformanceObserver 'longtask', installed before the page loads) are summed per
// phase; the DOM's element count and the JS heap are read after the updates; last, the time from typing a
// device's name into the filter field (when the page has one) until its switch is shown.
import type { MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DevicesChanged } from '../src/shared/commands/devices.ts';
import { launchBrowser, startHerald, type HeraldServer } from '../test/e2e/harness.ts';
import { startMosquitto, type Mosquitto } from '../test/helpers/mosquitto.ts';
import {
  connectClient,
  deviceName,
  discoveryFlood,
  ms,
  option,
  PER_DEVICE,
  publishRetained,
  switchBase,
  switchName,
} from './devices-fixture.ts';

const COUNT = option('count', 10_000);
const UPDATES = option('updates', 200);
const UPDATE_EVERY_MS = 10;
const PHASE_TIMEOUT_MS = option('timeout', 120) * 1000;
const LAST = switchName(COUNT - 1);

// Browser-side code as text: it runs in the page, where `document` and `window` exist.
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });`;

/** True once the switch named `name` is in the Devices page; otherwise scrolls the page's scrollers to the end. */
const REACHABLE = `(name) => {
  const page = document.querySelector('.devices-page');
  if (!page) return false;
  if (page.querySelector('input[aria-label="' + CSS.escape(name) + '"]')) return true;
  for (const el of [page.querySelector('.devices-list'), page, page.parentElement, document.scrollingElement]) {
    if (el && el.scrollHeight > el.clientHeight) el.scrollTop = el.scrollHeight;
  }
  return false;
}`;

const now = (page: Page) => page.evaluate<number>('performance.now()');

interface LongTasks {
  count: number;
  total: number;
  max: number;
}

async function longTasks(page: Page, from: number, to: number): Promise<LongTasks> {
  const tasks = await page.evaluate<{ start: number; duration: number }[]>('window.__longTasks');
  const inside = tasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration);
  return { count: inside.length, total: inside.reduce((a, b) => a + b, 0), max: Math.max(0, ...inside) };
}

const describe = (l: LongTasks) => `${l.count} long tasks, ${ms(l.total)} in all, longest ${ms(l.max)}`;

interface Opened {
  context: BrowserContext;
  page: Page;
  /** The devices.changed events the page received. */
  changes: DevicesChanged[];
}

/**
 * Herald in a fresh context, the long-task observer installed first. Not the e2e harness's openHerald: a page
 * swamped by the flood may take longer than its 10 s to show the status bar, and that delay is what we time.
 */
async function open(browser: Browser, server: HeraldServer): Promise<Opened> {
  // bypassCSP: the page's policy forbids eval, which waitForFunction's predicate text needs.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  context.setDefaultTimeout(PHASE_TIMEOUT_MS);
  const page = await context.newPage();
  const changes: DevicesChanged[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string; event?: string; payload?: unknown };
      if (frame.type === 'event' && frame.event === 'devices.changed') changes.push(frame.payload as DevicesChanged);
    }),
  );
  await page.addInitScript(OBSERVE_LONG_TASKS);
  await page.goto(server.url);
  return { context, page, changes };
}

/**
 * Clicks "Devices" and waits until the last switch is in the DOM: the time (taken in Node, as a swamped page
 * cannot answer) and the long tasks meanwhile; null when that did not happen within the phase timeout.
 */
async function openDevices(opened: Opened): Promise<{ elapsed: number; tasks: LongTasks } | null> {
  const { page } = opened;
  const began = performance.now();
  // A page busy for good does not even run waitForFunction's own timeout: Node's timer ends the wait too.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), PHASE_TIMEOUT_MS)));
  const shown = (async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Devices' }).click();
    await page.waitForFunction(`(${REACHABLE})(${JSON.stringify(LAST)})`, undefined, {
      polling: 50,
      timeout: PHASE_TIMEOUT_MS,
    });
    return 'shown' as const;
  })().catch((err: unknown) => {
    if (err instanceof Error && err.name === 'TimeoutError') return 'timeout' as const;
    throw err;
  });
  const outcome = await Promise.race([shown, gaveUp]).finally(() => clearTimeout(timer));
  if (outcome === 'timeout') {
    shown.catch(() => {}); // settles when the context closes
    return null;
  }
  const elapsed = performance.now() - began;
  const pageNow = await now(page);
  return { elapsed, tasks: await longTasks(page, pageNow - elapsed, pageNow) };
}

function report(phase: string, result: Awaited<ReturnType<typeof openDevices>>): void {
  console.log(
    result
      ? `${phase}: click to all shown ${ms(result.elapsed)}; ${describe(result.tasks)}`
      : `${phase}: not all shown within ${PHASE_TIMEOUT_MS / 1000} s`,
  );
}

let mosquitto: Mosquitto | undefined;
let server: HeraldServer | undefined;
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
const clients: MqttClient[] = [];

try {
  mosquitto = await startMosquitto();
  const publisher = await connectClient(mosquitto.url);
  clients.push(publisher);
  await publishRetained(publisher, discoveryFlood(COUNT));
  console.log(`${COUNT.toLocaleString('en-US')} switches (${COUNT / PER_DEVICE} devices) retained; Chromium`);

  browser = await launchBrowser();
  server = await startHerald({ brokerPort: 'off', args: ['--source', mosquitto.url, '--topic', 'herald/#'] });

  const flood = await open(browser, server);
  report('flood', await openDevices(flood));
  await flood.context.close();

  const opened = await open(browser, server);
  const { page } = opened;
  const cold = await openDevices(opened);
  report('open', cold);
  if (!cold) throw new Error('the page never showed every device; no further phases');

  // State updates, each flipping a different switch ON, spread over the list like a busy home.
  const updated = Array.from({ length: UPDATES }, (_, n) => (n * 7919) % COUNT);
  const lastName = switchName(updated.at(-1)!);
  const received = () =>
    opened.changes.some((change) =>
      change.devices.some((d) => d.entities.some((entity) => entity.name === lastName && entity.value === true)),
    );
  const began = await now(page);
  for (const i of updated) {
    await publisher.publishAsync(`${switchBase(i)}/state`, 'ON', { qos: 1, retain: true });
    await new Promise((r) => setTimeout(r, UPDATE_EVERY_MS));
  }
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  while (!received() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (!received()) throw new Error('the last state update never reached the page');
  // Let the page render what it received before counting.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const ended = await now(page);
  console.log(`${UPDATES} state updates (${ms(ended - began)}): ${describe(await longTasks(page, began, ended))}`);

  const elements = await page.evaluate<number>('document.getElementsByTagName("*").length');
  const heap = await page.evaluate<number>('performance.memory ? performance.memory.usedJSHeapSize : 0');
  console.log(`DOM elements ${elements.toLocaleString('en-US')}; JS heap ${(heap / 2 ** 20).toFixed(1)} MiB`);

  const filter = page.locator('.devices-page').getByRole('searchbox');
  if ((await filter.count()) === 1) {
    const wanted = deviceName(Math.floor((COUNT - 1) / PER_DEVICE / 2));
    const before = await now(page);
    await filter.fill(wanted);
    await page.locator('.devices-page').getByRole('heading', { name: wanted, exact: true }).waitFor();
    console.log(`filter "${wanted}": typed to shown ${ms((await now(page)) - before)}`);
  } else {
    console.log('filter: the page has no filter field');
  }
  await opened.context.close();
} finally {
  await browser?.close();
  await server?.stop();
  for (const client of clients) await client.endAsync();
  await mosquitto?.stop();
}
