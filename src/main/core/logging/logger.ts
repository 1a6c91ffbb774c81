// The core's one logger: every line names the part that wrote it, and a level decides what is written
// (HERALD_LOG_LEVEL=debug|info|warn|error|silent, default info). Hosts may send lines elsewhere (a test's
// buffer) with configureLogging, and add structured sinks (the data dir's log file, see log-file.ts) with
// addLogSink. Nothing in the core writes to the console but through here.
import { errorMessage } from '../../../shared/error-message.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export type LogWriter = (level: Exclude<LogLevel, 'silent'>, line: string) => void;

/** One written line as data, for sinks that keep structured logs (the data dir's log file). */
export interface LogRecord {
  /** ISO 8601 time. */
  t: string;
  level: Exclude<LogLevel, 'silent'>;
  scope: string;
  msg: string;
  error?: string;
}
export type LogSink = (record: LogRecord) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

// Every level goes to standard error: standard output stays free for what commands print (`herald export`
// writes JSON Lines there, `herald serve` its URL).
const stderrWriter: LogWriter = (_level, line) => {
  process.stderr.write(`${line}\n`);
};

let threshold: LogLevel = parseLogLevel(process.env.HERALD_LOG_LEVEL) ?? 'info';
let writer: LogWriter = stderrWriter;
const sinks = new Set<LogSink>();

export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  return LOG_LEVELS.find((level) => level === value?.trim().toLowerCase());
}

/** Changes the level and/or where lines go, for the whole process. Returns the previous settings. */
export function configureLogging(options: { level?: LogLevel; writer?: LogWriter }): {
  level: LogLevel;
  writer: LogWriter;
} {
  const previous = { level: threshold, writer };
  if (options.level !== undefined) threshold = options.level;
  if (options.writer !== undefined) writer = options.writer;
  return previous;
}

/**
 * Sends every written line (same level threshold) also to `sink`, besides the writer; returns its removal.
 * A sink must not throw or block: it runs inside the caller's log call.
 */
export function addLogSink(sink: LogSink): () => void {
  sinks.add(sink);
  return () => {
    sinks.delete(sink);
  };
}

/** A logger whose lines start with `herald [part]`. */
export function logger(part: string): Logger {
  const write = (level: Exclude<LogLevel, 'silent'>, message: string, error?: unknown) => {
    if (RANK[level] < RANK[threshold]) return;
    const cause = error === undefined ? '' : `: ${errorMessage(error)}`;
    writer(level, `herald [${part}] ${level === 'info' ? '' : `${level}: `}${message}${cause}`);
    if (sinks.size === 0) return;
    const record: LogRecord = { t: new Date().toISOString(), level, scope: part, msg: message };
    if (error !== undefined) record.error = errorMessage(error);
    for (const sink of sinks) sink(record);
  };
  return {
    debug: (message) => write('debug', message),
    info: (message) => write('info', message),
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
  };
}
