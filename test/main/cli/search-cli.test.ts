// `herald search` and `herald export` with filters, as real processes: against an inbox that a Herald
// (`herald serve`) has open on the same data dir, and against one written directly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from '../../../src/main/core/store/migrations.ts';
import { MessageStore } from '../../../src/main/core/store/message-store.ts';
import { HERALD_BIN, herald, useCliProcesses } from '../../helpers/cli.ts';
import { eventually, tempDir } from '../../helpers/core.ts';
import { insert, newMessage } from '../../helpers/inbox.ts';
import { mosquittoPub } from '../../helpers/mosquitto.ts';
import { freePort } from '../../helpers/ports.ts';

const { running, dirs } = useCliProcesses();

function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function inboxDir(): string {
  const data = tempDir();
  dirs.push(data);
  const store = MessageStore.open(join(data.path, 'inbox.sqlite'));
  const at = (day: number) => ({ receivedAt: Date.UTC(2026, 10, day, 12) });
  insert(store, [
    newMessage('{"title":"Front door","message":"open","priority":4}', { topic: 'home/door', ...at(1) }),
    newMessage('{"title":"客厅温度 31°C"}', { topic: 'home/living/temp', ...at(2) }),
    newMessage('{"title":"Kitchen temperature"}', { topic: 'home/kitchen/temp', ...at(3) }),
    newMessage('{"title":"Back door"}', { topic: 'office/door', sourceName: 'Office', sourceId: 'o', ...at(4) }),
  ]);
  store.close();
  return data.path;
}

describe('herald search', () => {
  test('prints matching messages as JSON Lines, newest first, with filters', () => {
    const dir = inboxDir();
    const titles = (args: string[]) => {
      const result = herald(['search', ...args, '--data-dir', dir]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return lines(result.stdout).map((row) => row.title);
    };
    expect(titles(['door'])).toEqual(['Back door', 'Front door']);
    expect(titles(['door', '--source', 'Office'])).toEqual(['Back door']);
    expect(titles(['temp', '--topic', 'home/+/temp'])).toEqual(['Kitchen temperature', '客厅温度 31°C']);
    expect(titles(['温度'])).toEqual(['客厅温度 31°C']);
    expect(titles(['door', '--since', '2026-11-02', '--until', '2026-11-04'])).toEqual(['Back door']);
    expect(titles(['door', '--until', '2026-11-03'])).toEqual(['Front door']);
    expect(titles(['"door', '--limit', '1'])).toEqual(['Back door']);
    expect(titles(['door', '--unread', '--priority', '4'])).toEqual(['Front door']);
    const [row] = lines(herald(['search', 'front', '--data-dir', dir]).stdout);
    expect(row).toMatchObject({ source: 'Home broker', topic: 'home/door', title: 'Front door', priority: 4 });
  });

  test('bad usage is one clear line and exit code 2', () => {
    const dir = inboxDir();
    for (const [args, message] of [
      [['search'], /search needs a QUERY/],
      [['search', 'x', '--since', 'yesterday'], /--since must be a date/],
      [['search', 'x', '--topic', 'a/#/b'], /not a valid MQTT topic filter/],
      [['search', 'x', '--search', 'y'], /unknown option --search for search/],
    ] as const) {
      const result = herald([...args, '--data-dir', dir]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  test('says so on stderr while older messages are still being indexed', () => {
    const data = tempDir();
    dirs.push(data);
    const file = join(data.path, 'inbox.sqlite');
    const db = new DatabaseSync(file);
    for (const step of MIGRATIONS.slice(0, 3)) db.exec(step);
    db.exec('PRAGMA user_version = 3');
    db.exec(`INSERT INTO messages (source_id, source_name, topic, preview, body, body_kind, priority, received_at, size)
             VALUES ('s', 'Old', 'old/topic', '', 'old door', 'text', 3, 1, 8)`);
    db.close();
    const store = MessageStore.open(file); // the upgrade, as the app does it on start
    insert(store, [newMessage('{"title":"New door"}')]);
    store.close();
    const result = herald(['search', 'door', '--data-dir', data.path]);
    expect(result.status).toBe(0);
    expect(lines(result.stdout).map((row) => row.title)).toEqual(['New door']);
    expect(result.stderr).toMatch(/search index is still being built \(1 of 2 messages\)/);
  });

  test('works while Herald is running on the same data dir', async () => {
    const data = tempDir();
    dirs.push(data);
    const brokerPort = await freePort();
    const child = spawn(
      process.execPath,
      [HERALD_BIN, 'serve', '--data-dir', data.path, '--port', '0', '--broker-port', String(brokerPort)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('http') && resolve());
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    await mosquittoPub(brokerPort, 'herald/alarm', ['{"title":"Smoke alarm","message":"kitchen"}', 'other'], 1);
    // Each try is a process of its own, seconds long on a loaded machine: the deadline allows several.
    const found = await eventually(
      'a match',
      () => {
        const out = lines(herald(['search', 'smok', '--data-dir', data.path]).stdout);
        return out.length === 1 ? out : null;
      },
      40_000,
    );
    expect(found[0]).toMatchObject({ title: 'Smoke alarm', topic: 'herald/alarm' });
  }, 60_000);
});

describe('herald export with filters', () => {
  test('takes --search and the filters, oldest first', () => {
    const dir = inboxDir();
    const out = herald(['export', '--data-dir', dir, '--search', 'door', '--topic', '+/door']);
    expect(out.status).toBe(0);
    expect(lines(out.stdout).map((row) => row.title)).toEqual(['Front door', 'Back door']);
    const since = herald(['export', '--data-dir', dir, '--since', '2026-11-03T00:00:00Z']);
    expect(lines(since.stdout).map((row) => row.title)).toEqual(['Kitchen temperature', 'Back door']);
    expect(lines(herald(['export', '--data-dir', dir]).stdout)).toHaveLength(4);
  });
});
