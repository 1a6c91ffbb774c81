import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportInbox } from '../../../src/main/cli/export.ts';
import type { NewMessage } from '../../../src/main/core/messages.ts';
import { MessageStore } from '../../../src/main/core/store/message-store.ts';
import { insert, newMessage } from '../../helpers/inbox.ts';

const run = promisify(execFile);
const EXPORT_MODULE = resolve(import.meta.dirname, '../../../src/main/cli/export.ts');
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let dataDir: string;
let writer: MessageStore;

function message(i: number): NewMessage {
  const text = i % 2 === 0 ? `{"title":"Alert ${i}","message":"body ${i}","priority":5}` : `plain ${i}`;
  return newMessage(text, { topic: `home/${i}`, receivedAt: 1_700_000_000_000 + i });
}

/** Takes a chunk per event-loop turn, so write() reports back-pressure; remembers the most it had buffered. */
function slowSink(): { stream: Writable; text: () => string; maxBuffered: () => number } {
  const chunks: Buffer[] = [];
  let maxBuffered = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      maxBuffered = Math.max(maxBuffered, stream.writableLength);
      setImmediate(done);
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), maxBuffered: () => maxBuffered };
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'herald-export-'));
  writer = MessageStore.open(join(dataDir, 'inbox.sqlite'));
});

afterEach(() => {
  writer.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('exportInbox', () => {
  it('writes one JSON line per message with the required fields while a writer keeps the inbox open', async () => {
    const inserted = insert(
      writer,
      Array.from({ length: 1500 }, (_, i) => message(i)),
    );
    writer.markRead([inserted[0]!.id]);

    const sink = slowSink();
    const count = await exportInbox(dataDir, sink.stream);
    await finished(sink.stream.end());
    expect(count).toBe(1500);
    // Waited for 'drain' instead of queueing ~150 kB in memory: never much more than the high-water mark.
    expect(sink.maxBuffered()).toBeLessThan(2048);

    const lines = sink.text().split('\n');
    expect(lines.pop()).toBe(''); // every line, the last included, ends with a newline
    expect(lines).toHaveLength(1500);
    const rows = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({
        id: inserted[i]!.id,
        source: 'Home broker',
        topic: `home/${i}`,
        title: i % 2 === 0 ? `Alert ${i}` : `home/${i}`,
        priority: i % 2 === 0 ? 5 : 3,
        read: i === 0,
      });
      expect(row.body).toBe(i % 2 === 0 ? `{"title":"Alert ${i}","message":"body ${i}","priority":5}` : `plain ${i}`);
      expect(row.receivedAt).toMatch(ISO_8601);
      expect(Date.parse(row.receivedAt as string)).toBe(1_700_000_000_000 + i);
    });

    // The writer was never disturbed.
    expect(insert(writer, [message(9999)])).toHaveLength(1);
  });

  it('works from another process while this one holds the inbox open for writing', async () => {
    insert(
      writer,
      Array.from({ length: 20 }, (_, i) => message(i)),
    );
    const script =
      `import { exportInbox } from ${JSON.stringify(EXPORT_MODULE)};` +
      `const n = await exportInbox(${JSON.stringify(dataDir)}, process.stdout); console.error('count=' + n);`;
    const child = await run(process.execPath, ['--no-warnings', '--input-type=module', '-e', script]);
    expect(child.stderr.trim()).toBe('count=20');
    const lines = child.stdout.trim().split('\n');
    expect(lines).toHaveLength(20);
    expect(JSON.parse(lines[19]!)).toMatchObject({ topic: 'home/19', source: 'Home broker' });

    // And the writer commits again right after.
    expect(insert(writer, [message(20)])).toHaveLength(1);
  });

  it('exports only what was there when it started, even when messages arrive meanwhile', async () => {
    insert(
      writer,
      Array.from({ length: 2500 }, (_, i) => message(i)),
    );
    const out = new PassThrough();
    let lines = 0;
    let exportDone = false;
    let addedDuringExport = false;
    out.on('data', (chunk: Buffer) => {
      lines += chunk.toString('utf8').split('\n').length - 1;
      if (!addedDuringExport && !exportDone) {
        addedDuringExport = true;
        insert(
          writer,
          Array.from({ length: 10 }, (_, i) => message(5000 + i)),
        );
      }
    });
    const count = await exportInbox(dataDir, out);
    exportDone = true;
    expect(addedDuringExport).toBe(true);
    expect(count).toBe(2500);
    out.end();
    await new Promise((done) => out.on('end', done));
    expect(lines).toBe(2500);
  });

  it('says clearly when there is no inbox', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'herald-export-empty-'));
    try {
      await expect(exportInbox(empty, new PassThrough())).rejects.toThrow(`no inbox at ${join(empty, 'inbox.sqlite')}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
