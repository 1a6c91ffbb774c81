// app.exportDiagnostics on a real core with real files, the zip read back with fflate: it holds the log, the
// settings and the state; no secret (stored passwords and tokens, URL credentials, header values) appears in
// any of its bytes, even where a log line quoted one; message titles and previews only when asked for.
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, expect, test } from 'vitest';
import { dispatch } from '../../../../src/shared/contract.ts';
import { INBOX_FILE } from '../../../../src/main/core/herald-core.ts';
import { configureLogging, logger } from '../../../../src/main/core/logging/logger.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

const PASSWORD = 'PASSWORD-xyz-123';
const URL_SECRET = 'secret-in-url';
const TOKEN = 'NTFY-TOKEN-789';
const HEADER = 'HEADER-VALUE-456';
const OPEN_FRAME_TOKEN = 'OPEN-FRAME-TOKEN-321';
const SECRETS = [PASSWORD, URL_SECRET, TOKEN, HEADER, OPEN_FRAME_TOKEN];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function call<T>(core: TestCore, command: string, payload: unknown): Promise<T> {
  const reply = await dispatch(core.core.handlers, command, payload);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

async function start(dir: string): Promise<TestCore> {
  const core = await startTestCore({ dataDir: dir, brokerPort: 'off' });
  cleanups.push(() => core.stop());
  return core;
}

/** A core with sources holding secrets every way they can be held, and a log line that quotes some. */
async function configured(): Promise<{ core: TestCore; dir: string }> {
  const tmp = tempDir('herald-diag-');
  cleanups.push(tmp.remove);
  const previous = configureLogging({ level: 'info', writer: () => {} });
  cleanups.push(() => configureLogging(previous));
  const core = await start(tmp.path);
  await call(core, 'sources.add', {
    kind: 'mqtt',
    // URLs refuse credentials, but a free-text field may still hold one: it is cleared wherever it is.
    name: `Plant mqtt://user:${URL_SECRET}@127.0.0.1:1`,
    url: 'mqtt://127.0.0.1:1',
    enabled: false,
    username: 'ops',
    password: PASSWORD,
    topics: [{ filter: 'plant/#', qos: 1 }],
  });
  await call(core, 'sources.add', {
    kind: 'ntfy',
    name: 'Phone',
    url: 'https://ntfy.example',
    enabled: false,
    token: TOKEN,
    topics: ['alerts'],
  });
  await call(core, 'sources.add', {
    kind: 'websocket',
    name: 'Feed',
    url: 'wss://feed.example/push',
    enabled: false,
    headers: { Authorization: `Bearer ${HEADER}` },
    openMessage: JSON.stringify({ type: 'auth', access_token: OPEN_FRAME_TOKEN }),
  });
  logger('test').warn(`could not connect to mqtt://user:${URL_SECRET}@127.0.0.1:1 with ${PASSWORD}`);
  return { core, dir: tmp.path };
}

async function exportZip(core: TestCore, request: { includeMessages?: boolean }) {
  const reply = await call<{ fileName: string; base64: string }>(core, 'app.exportDiagnostics', request);
  const bytes = Buffer.from(reply.base64, 'base64');
  const entries = Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(bytes))).map(([name, data]) => [name, strFromU8(data)]),
  );
  return { fileName: reply.fileName, bytes, entries };
}

test('the zip holds the log, the settings and the state, and no secret anywhere', async () => {
  const { core } = await configured();
  const zip = await exportZip(core, {});

  expect(zip.fileName).toMatch(/^herald-diagnostics-\d{8}-\d{6}\.zip$/);
  expect(Object.keys(zip.entries).sort()).toEqual(['logs/herald.log', 'settings.json', 'state.json']);
  expect(zip.entries['logs/herald.log']).toContain('could not connect to mqtt://[redacted]@127.0.0.1:1');

  const settings = JSON.parse(zip.entries['settings.json']!) as { sources: Record<string, unknown>[] };
  const plant = settings.sources.find((s) => s.kind === 'mqtt' && s.username === 'ops');
  expect(plant).toMatchObject({ name: 'Plant mqtt://[redacted]@127.0.0.1:1' });
  expect(settings.sources.find((s) => s.name === 'Feed')).toMatchObject({ headers: { Authorization: '[redacted]' } });

  const state = JSON.parse(zip.entries['state.json']!) as {
    runtime: Record<string, unknown>;
    app: { sources: { kind: string }[] };
  };
  expect(state.runtime).toMatchObject({ node: process.versions.node, platform: process.platform });
  expect(state.app.sources.map((s) => s.kind).sort()).toEqual(['mqtt', 'mqtt', 'ntfy', 'websocket']);
  expect(state.app).toHaveProperty('total');

  const raw = zip.bytes.toString('latin1');
  for (const secret of SECRETS) {
    expect(raw).not.toContain(secret);
    for (const [name, text] of Object.entries(zip.entries))
      expect(text, `${name} holds ${secret}`).not.toContain(secret);
  }
});

test('message titles and previews go in only when asked for, the newest 100', async () => {
  const { core, dir } = await configured();
  await core.stop();
  const store = MessageStore.open(join(dir, INBOX_FILE));
  insert(
    store,
    Array.from({ length: 120 }, (_, i) => newMessage(`reading ${i}`, { topic: `plant/m${i}`, receivedAt: 1_000 + i })),
  );
  store.close();
  const again = await start(dir);

  const without = await exportZip(again, {});
  expect(without.entries['messages.jsonl']).toBeUndefined();
  for (const text of Object.values(without.entries)) expect(text).not.toContain('reading 1');

  const withMessages = await exportZip(again, { includeMessages: true });
  const lines = withMessages.entries['messages.jsonl']!.trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines).toHaveLength(100);
  expect(lines[0]).toMatchObject({ topic: 'plant/m119', preview: 'reading 119' });
  expect(lines.at(-1)).toMatchObject({ topic: 'plant/m20' });
  for (const secret of SECRETS) expect(withMessages.bytes.toString('latin1')).not.toContain(secret);
});

test('a request with an unknown field is refused', async () => {
  const { core } = await configured();
  const reply = await dispatch(core.core.handlers, 'app.exportDiagnostics', { bodies: true });
  expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
});
