// `herald export --format csv` and `--has attachment|actions`, as real processes: a header row, the fields of
// the JSON Lines export, RFC 4180 quoting (commas, quotes, line breaks), and the filters narrowing both.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MessageStore } from '../../../src/main/core/store/message-store.ts';
import { herald, useCliProcesses } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/core.ts';
import { insert, newMessage } from '../../helpers/inbox.ts';

const { dirs } = useCliProcesses();

/** An RFC 4180 reader, written apart from the writer so the test checks the format and not the code. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

function inboxDir(): string {
  const data = tempDir();
  dirs.push(data);
  const store = MessageStore.open(join(data.path, 'inbox.sqlite'));
  const at = { receivedAt: Date.UTC(2026, 10, 1, 12) };
  insert(store, [
    newMessage('a, "quoted" value\nsecond line\r\nthird', { topic: 'home/door', ...at }),
    newMessage('客厅温度 31°C', { topic: 'home/temp', ...at }),
    newMessage(
      { title: 'Backup', body: 'with file', extras: { attachment: { name: 'log.txt', url: 'https://x.test/l' } } },
      { topic: 'backups', ...at },
    ),
    newMessage(
      { title: 'Door', body: 'open?', extras: { actions: [{ action: 'view', label: 'Open', url: 'https://x.test' }] } },
      { topic: 'alerts', ...at },
    ),
  ]);
  store.markRead([1]);
  store.close();
  return data.path;
}

describe('herald export --format csv', () => {
  test('writes a header and the JSON Lines fields, quoted as RFC 4180 says', { timeout: 60_000 }, () => {
    const dir = inboxDir();
    const jsonl = herald(['export', '--data-dir', dir]);
    expect(jsonl.status).toBe(0);
    const rows = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

    const csv = herald(['export', '--format', 'csv', '--data-dir', dir]);
    expect(csv.stderr).toBe('');
    expect(csv.status).toBe(0);
    const [header, ...records] = parseCsv(csv.stdout);
    expect(header).toEqual(Object.keys(rows[0]!));
    expect(records).toHaveLength(4);
    records.forEach((record, i) => {
      const expected = Object.values(rows[i]!).map((value) =>
        value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value),
      );
      expect(record).toEqual(expected);
    });
    expect(records[0]![header!.indexOf('body')]).toBe('a, "quoted" value\nsecond line\r\nthird');
    expect(records[0]![header!.indexOf('read')]).toBe('true');
    expect(records[1]![header!.indexOf('title')]).toBe('home/temp');
  });

  test('--has narrows export and search; bad values are usage errors', () => {
    const dir = inboxDir();
    const topics = (args: string[]) => {
      const result = herald([...args, '--data-dir', dir]);
      expect(result.status).toBe(0);
      return result.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { topic: string }).topic);
    };
    expect(topics(['export', '--has', 'attachment'])).toEqual(['backups']);
    expect(topics(['export', '--has', 'actions'])).toEqual(['alerts']);
    expect(topics(['search', 'door', '--has', 'actions'])).toEqual(['alerts']);
    const csv = herald(['export', '--format', 'csv', '--has', 'attachment', '--data-dir', dir]);
    expect(parseCsv(csv.stdout)).toHaveLength(2);

    const badHas = herald(['export', '--has', 'pictures', '--data-dir', dir]);
    expect(badHas.status).toBe(2);
    expect(badHas.stderr).toContain('--has must be attachment or actions, not "pictures"');
    const badFormat = herald(['export', '--format', 'xml', '--data-dir', dir]);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('--format must be jsonl or csv, not "xml"');
    // Eight processes: more than the default 30 s on a busy machine.
  }, 120_000);
});
