// End-to-end harness: the real headless server (`bin/herald.js serve`) on free ports with a throw-away data
// dir, and Debian's Chromium driven by playwright-core. Every start is paired with a stop that kills the
// process and removes what it created.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { waitForPort } from '../helpers/mosquitto.ts';
import { freePort } from '../helpers/ports.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const HERALD_BIN = join(REPO_ROOT, 'bin', 'herald.js');
const RENDERER_INDEX = join(REPO_ROOT, 'out', 'renderer', 'index.html');
const URL_LINE = /https?:\/\/\S+/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface HeraldServer {
  /** The URL Herald printed, token included. */
  url: string;
  origin: string;
  token: string;
  /** Port of the embedded broker, or null when it runs without one. */
  brokerPort: number | null;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** Kills the server (SIGTERM, then SIGKILL); keeps the data dir so a test can start again on it. */
  kill(): Promise<void>;
  /** Kills the server and removes its data dir. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A data dir to reuse (e.g. to restart on the same inbox); a fresh temporary one by default. */
  dataDir?: string;
  /** 'off' runs no embedded broker; a free port by default. */
  brokerPort?: number | 'off';
  /** Extra command-line arguments, e.g. ['--source', url, '--topic', 'x/#']. */
  args?: string[];
  /** Extra environment variables (e.g. HERALD_POLICY). */
  env?: Record<string, string>;
}

export async function startHerald(options: StartOptions = {}): Promise<HeraldServer> {
  assertRendererBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  const brokerPort = options.brokerPort ?? (await freePort());
  const child = spawn(
    process.execPath,
    [
      HERALD_BIN,
      'serve',
      '--data-dir',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--broker-port',
      String(brokerPort),
      ...(options.args ?? []),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  const stop = async () => {
    await kill();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`herald serve printed no URL within ${START_TIMEOUT_MS} ms. stderr:\n${stderr}`)),
        START_TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = URL_LINE.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[0]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`herald serve exited (${code ?? signal}) before printing its URL. stderr:\n${stderr}`));
      });
    });
    if (brokerPort !== 'off') await waitForPort(brokerPort);
    const parsed = new URL(url);
    return {
      url,
      origin: parsed.origin,
      token: parsed.searchParams.get('token') ?? '',
      brokerPort: brokerPort === 'off' ? null : brokerPort,
      dataDir,
      process: child,
      stderr: () => stderr,
      kill,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The server serves out/renderer as built. Testing a stale build would test yesterday's UI, and building here
 * would race with the other test worker writing the same folder, so a stale build is an error to fix first.
 */
function assertRendererBuilt(): void {
  let built: number;
  try {
    built = statSync(RENDERER_INDEX).mtimeMs;
  } catch {
    throw new Error('out/renderer is missing: run "npx electron-vite build" (npm run build) before the e2e tests');
  }
  const newest = newestMtime([join(REPO_ROOT, 'src', 'renderer'), join(REPO_ROOT, 'src', 'shared')]);
  if (newest.mtime > built) {
    throw new Error(`out/renderer is older than ${newest.path}: run "npx electron-vite build" (npm run build) first`);
  }
}

function newestMtime(dirs: string[]): { path: string; mtime: number } {
  let newest = { path: '', mtime: 0 };
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const mtime = statSync(path).mtimeMs;
      if (mtime > newest.mtime) newest = { path, mtime };
    }
  }
  return newest;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, to assert a clean run. */
  errors: string[];
  /** Every contract request the page sent over the bridge, in order. */
  requests: { channel: string; payload: unknown }[];
  /** Every event main pushed to the page over the bridge, in order. */
  events: { event: string; payload: unknown }[];
}

export interface OpenOptions {
  /** Where to open Herald (e.g. through a proxy); the URL the server printed by default. */
  url?: string;
  /** Runs before the page loads, e.g. to add init scripts. */
  beforeLoad?: (page: Page) => Promise<unknown>;
}

/** A fresh browser context (own cookies and sessionStorage) with Herald open and its first state loaded. */
export async function openHerald(
  browser: Browser,
  server: HeraldServer,
  options: OpenOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Below the test timeout, so a missing element fails with its locator rather than a bare timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: OpenedPage['requests'] = [];
  const events: OpenedPage['events'] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string; channel?: string; payload?: unknown };
      if (frame.type === 'request' && frame.channel) requests.push({ channel: frame.channel, payload: frame.payload });
    });
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string; event?: string; payload?: unknown };
      if (frame.type === 'event' && frame.event) events.push({ event: frame.event, payload: frame.payload });
    });
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await options.beforeLoad?.(page);
  await page.goto(options.url ?? server.url);
  // The status bar lists the sources once app.getState answered over the bridge.
  await page
    .getByText(/Embedded broker|No embedded broker|Embedded broker off/)
    .first()
    .waitFor();
  return { context, page, errors, requests, events };
}

export const messageRows = (page: Page) => page.getByTestId('message-row');

/** One headless Herald and one Chromium for a test file, started before its tests and stopped after. */
export function useHeraldAndBrowser(options: StartOptions = {}): { server: HeraldServer; browser: Browser } {
  const env = {} as { server: HeraldServer; browser: Browser };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startHerald(options), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
