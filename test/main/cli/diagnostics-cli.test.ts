// `herald diagnostics` as a real process on a real data dir (as headless Herald leaves it: settings, secrets,
// a log and an inbox), the zip read back with fflate: the log, settings and state are in, secrets are not,
// messages only with --include-messages; a wrong option is a usage error.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from 'vitest';
import { INBOX_FILE } from '../../../src/main/core/herald-core.ts';
import { LogFile } from '../../../src/main/core/logging/log-file.ts';
import { FileSecretStore } from '../../../src/main/core/settings/file-secret-store.ts';
import { JsonSettingsRepo } from '../../../src/main/core/settings/json-settings-repo.ts';
import { defaultSettings, StoredSource } from '../../../src/main/core/settings/schema.ts';
import { sourceSecretKey } from '../../../src/main/core/settings/types.ts';
import { MessageStore } from '../../../src/main/core/store/message-store.ts';
import { HERALD_BIN, useCliProcesses } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/core.ts';
import { insert, newMessage } from '../../helpers/inbox.ts';

const { dirs } = useCliProcesses();
const PASSWORD = 'cli-password-4711';
const URL_SECRET = 'cli-url-secret';

function herald(args: string[]) {
  return spawnSync(process.execPath, [HERALD_BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
}

async function headlessDir(): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  const source = StoredSource.parse({
    id: 'plant',
    kind: 'mqtt',
    name: 'Plant',
    url: 'mqtt://plant.example:1883',
    username: 'ops',
    topics: [{ filter: 'plant/#', qos: 1 }],
  });
  new JsonSettingsRepo(join(dir.path, 'config.json')).save({
    ...defaultSettings(),
    initialized: true,
    sources: [source],
  });
  new FileSecretStore(join(dir.path, 'headless-secrets.json')).set(sourceSecretKey('plant', 'password'), PASSWORD);
  const log = new LogFile(dir.path);
  log.write({
    t: new Date().toISOString(),
    level: 'warn',
    scope: 'mqtt',
    msg: `mqtt://ops:${URL_SECRET}@plant.example:1883 refused ${PASSWORD}`,
  });
  await log.close();
  const store = MessageStore.open(join(dir.path, INBOX_FILE));
  insert(store, [newMessage('boiler pressure low', { sourceId: 'plant', topic: 'plant/boiler' })]);
  store.close();
  return dir.path;
}

function entriesOf(file: string): { raw: string; entries: Record<string, string> } {
  const bytes = readFileSync(file);
  const unzipped = unzipSync(new Uint8Array(bytes));
  return {
    raw: bytes.toString('latin1'),
    entries: Object.fromEntries(Object.entries(unzipped).map(([name, data]) => [name, strFromU8(data)])),
  };
}

test('writes the zip offline: log, settings and state in, secrets out, no messages unless asked', async () => {
  const dir = await headlessDir();
  const output = join(dir, 'out.zip');
  const run = herald(['diagnostics', '--data-dir', dir, '--output', output]);
  expect(run.stderr).toContain(`wrote ${output}`);
  expect(run.status).toBe(0);

  const { raw, entries } = entriesOf(output);
  expect(Object.keys(entries).sort()).toEqual(['logs/herald.log', 'settings.json', 'state.json']);
  expect(entries['logs/herald.log']).toContain('mqtt://[redacted]@plant.example:1883 refused [redacted]');
  expect(JSON.parse(entries['settings.json']!)).toMatchObject({ sources: [{ id: 'plant', username: 'ops' }] });
  expect(JSON.parse(entries['state.json']!)).toMatchObject({
    running: false,
    runtime: { platform: process.platform },
    sources: [{ id: 'plant', kind: 'mqtt', name: 'Plant', enabled: true }],
    inbox: { total: 1 },
  });
  for (const text of [raw, ...Object.values(entries)]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(URL_SECRET);
    expect(text).not.toContain('boiler pressure');
  }

  const withMessages = join(dir, 'with-messages.zip');
  expect(herald(['diagnostics', '--data-dir', dir, '--output', withMessages, '--include-messages']).status).toBe(0);
  const messages = entriesOf(withMessages).entries['messages.jsonl']!.trim().split('\n');
  expect(messages.map((line) => JSON.parse(line))).toMatchObject([
    { topic: 'plant/boiler', preview: 'boiler pressure low' },
  ]);
});

test('a data dir without settings still gives a zip that says so; a wrong option is a usage error', () => {
  const dir = tempDir();
  dirs.push(dir);
  const output = join(dir.path, 'bare.zip');
  expect(herald(['diagnostics', '--data-dir', dir.path, '--output', output]).status).toBe(0);
  const { entries } = entriesOf(output);
  expect(Object.keys(entries)).toEqual(['state.json']);
  expect(JSON.parse(entries['state.json']!)).toMatchObject({ settingsProblem: 'config.json is missing' });

  const wrong = herald(['diagnostics', '--bodies']);
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toContain('unknown option --bodies');
});
