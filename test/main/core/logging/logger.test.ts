// The core's log: lines name their part, the level filters, and errors are spelled out.
import { afterEach, expect, test } from 'vitest';
import { configureLogging, logger, parseLogLevel, type LogWriter } from '../../../../src/main/core/logging/logger.ts';

let restore: { level: Parameters<typeof configureLogging>[0]['level']; writer: LogWriter } | undefined;
afterEach(() => {
  if (restore) configureLogging(restore);
});

function capture(level: Parameters<typeof configureLogging>[0]['level']): string[] {
  const lines: string[] = [];
  restore = configureLogging({ level, writer: (_level, line) => lines.push(line) });
  return lines;
}

test('writes lines at or above the level, naming the part and the error', () => {
  const lines = capture('warn');
  const log = logger('inbox');
  log.debug('not shown');
  log.info('not shown either');
  log.warn('could not save the cursor', new Error('disk full'));
  log.error('gave up', 'a plain reason');
  expect(lines).toEqual([
    'herald [inbox] warn: could not save the cursor: disk full',
    'herald [inbox] error: gave up: a plain reason',
  ]);
});

test('info lines carry no level word; silent writes nothing', () => {
  const lines = capture('info');
  logger('broker').info('listening on 127.0.0.1:1883');
  configureLogging({ level: 'silent' });
  logger('broker').error('not shown');
  expect(lines).toEqual(['herald [broker] listening on 127.0.0.1:1883']);
});

test('levels are read case-insensitively and unknown ones are ignored', () => {
  expect(parseLogLevel(' DEBUG ')).toBe('debug');
  expect(parseLogLevel('verbose')).toBeUndefined();
  expect(parseLogLevel(undefined)).toBeUndefined();
});
