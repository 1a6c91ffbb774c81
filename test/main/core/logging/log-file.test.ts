// The data dir's log file on real files: JSON Lines with time, level, scope, message and error, credentials in
// URLs cleared, rotation at the size limit keeping three old files, and a folder that cannot be written
// reported once without breaking the caller, nor a core that writes to it.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { dispatch } from '../../../../src/shared/contract.ts';
import { LogFile, LOG_DIR, LOG_FILE } from '../../../../src/main/core/logging/log-file.ts';
import { addLogSink, configureLogging, logger, type LogRecord } from '../../../../src/main/core/logging/logger.ts';
import { startTestCore, tempDir } from '../../../helpers/core.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

/** Keeps stderr quiet and captures its lines; restored after the test. */
function captureStderr(): string[] {
  const lines: string[] = [];
  const previous = configureLogging({ level: 'info', writer: (_level, line) => lines.push(line) });
  cleanups.push(() => configureLogging(previous));
  return lines;
}

function records(file: string): LogRecord[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogRecord);
}

test('logged lines go to logs/herald.log as JSON Lines, URL credentials cleared, stderr as before', async () => {
  const stderr = captureStderr();
  const dir = dataDir();
  const file = new LogFile(dir);
  const detach = addLogSink((record) => file.write(record));
  cleanups.push(detach);

  logger('mqtt').info('connecting to mqtt://ops:s3cret-pass@broker.example:1883');
  logger('inbox').error('a batch failed', new Error('disk I/O error'));
  await file.close();

  const written = records(join(dir, LOG_DIR, LOG_FILE));
  expect(written).toHaveLength(2);
  expect(written[0]).toMatchObject({
    level: 'info',
    scope: 'mqtt',
    msg: 'connecting to mqtt://[redacted]@broker.example:1883',
  });
  expect(written[1]).toMatchObject({ level: 'error', scope: 'inbox', msg: 'a batch failed', error: 'disk I/O error' });
  expect(Number.isNaN(Date.parse(written[0]!.t))).toBe(false);
  expect(readFileSync(join(dir, LOG_DIR, LOG_FILE), 'utf8')).not.toContain('s3cret-pass');
  expect(stderr).toEqual([
    'herald [mqtt] connecting to mqtt://ops:s3cret-pass@broker.example:1883',
    'herald [inbox] error: a batch failed: disk I/O error',
  ]);
});

test('at the size limit the file rotates to herald.log.1..3 and the oldest is dropped', async () => {
  const dir = dataDir();
  const maxBytes = 2_000;
  const file = new LogFile(dir, { maxBytes });
  const line = (i: number): LogRecord => ({
    t: new Date(0).toISOString(),
    level: 'info',
    scope: 'test',
    msg: `line ${i}`,
  });
  // ~60 bytes a line: 200 lines are about 6 files' worth; written in bursts so appends are batched too.
  for (let i = 0; i < 200; i++) {
    file.write(line(i));
    if (i % 25 === 24) await file.flush();
  }
  await file.close();

  const logs = join(dir, LOG_DIR);
  const names = [LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`];
  for (const name of names) {
    expect(existsSync(join(logs, name)), name).toBe(true);
    expect(statSync(join(logs, name)).size).toBeLessThanOrEqual(maxBytes);
  }
  expect(existsSync(join(logs, `${LOG_FILE}.4`))).toBe(false);
  // Newest last in the current file; each older file holds the lines just before the next one's.
  const numbers = names
    .slice()
    .reverse()
    .flatMap((name) => records(join(logs, name)).map((r) => Number(r.msg.slice(5))));
  expect(numbers.at(-1)).toBe(199);
  expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  expect(numbers[0]).toBeGreaterThan(0);
});

test('an unwritable log folder is reported once; writes go on without throwing', async () => {
  const dir = dataDir();
  // A file where the folder should be: mkdir fails for every user, root included.
  writeFileSync(join(dir, LOG_DIR), 'not a folder');
  const reports: string[] = [];
  const file = new LogFile(dir, { report: (text) => reports.push(text) });
  const record: LogRecord = { t: new Date().toISOString(), level: 'warn', scope: 'test', msg: 'hello' };
  file.write(record);
  await file.flush();
  expect(() => file.write(record)).not.toThrow();
  await file.close();
  expect(reports).toHaveLength(1);
  expect(reports[0]).toMatch(/cannot be written \(E[A-Z]+\); logging to standard error only/);
});

test('a core whose log folder cannot be written starts, answers and stops; stderr still gets its lines', async () => {
  const stderr = captureStderr();
  const dir = dataDir();
  writeFileSync(join(dir, LOG_DIR), 'not a folder');
  const { core, stop } = await startTestCore({ dataDir: dir, brokerPort: 'off' });
  logger('test').warn('something to log');
  expect(await dispatch(core.handlers, 'app.info', {})).toMatchObject({ ok: true });
  await stop();
  expect(stderr.filter((line) => line.includes('something to log'))).toHaveLength(1);
  expect(readFileSync(join(dir, LOG_DIR), 'utf8')).toBe('not a folder');
});

test('a core writes its log lines to its data dir and stops writing when stopped', async () => {
  captureStderr();
  const dir = dataDir();
  const { stop } = await startTestCore({ dataDir: dir, brokerPort: 'off' });
  logger('test').warn('while running');
  await stop();
  logger('test').warn('after stop');
  await new Promise((r) => setTimeout(r, 50));
  const msgs = records(join(dir, LOG_DIR, LOG_FILE)).map((r) => r.msg);
  expect(msgs).toContain('while running');
  expect(msgs).not.toContain('after stop');
});
