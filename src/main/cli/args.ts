// Command-line parsing for `herald`. --topic and --qos belong to the --source before them, so options are
// read in order rather than with a generic parser.
import { SUBCOMMANDS } from './commands/index.ts';
import { forEachOption, portNumber, positive, UsageError } from './options.ts';
import type { EphemeralSource } from '../core/core-api.ts';
import { isValidTopicFilter } from '../../shared/sources.ts';
import type { ListFilters } from '../core/store/message-store.ts';
import { FILTER_HELP, FilterUsageError, parseFilterOption } from './filter-args.ts';
import {
  finishSource,
  parseSourceUrl,
  qosOf,
  SOURCE_URL_HELP,
  SourceUrlError,
  type PendingSource,
} from './source-url.ts';

export interface ServeArgs {
  command: 'serve';
  dataDir?: string;
  host: string;
  port: number;
  brokerPort?: number | 'off';
  sources: EphemeralSource[];
  /** A rules document that replaces the stored rules of the data dir. */
  rules?: string;
}
export interface ExportArgs {
  command: 'export';
  dataDir?: string;
  filters: ListFilters;
}
export interface SearchArgs {
  command: 'search';
  dataDir?: string;
  filters: ListFilters & { search: string };
  limit?: number;
}
export interface RulesCheckArgs {
  command: 'rules-check';
  file: string;
}
export { UsageError } from './options.ts';

export type CliArgs = ServeArgs | ExportArgs | SearchArgs | RulesCheckArgs | { command: 'help' };

export const DEFAULT_WEB_PORT = 7341;

export const USAGE = `Usage:
  herald serve [--data-dir DIR] [--host 127.0.0.1] [--port N] [--broker-port N|off] [--rules FILE]
               [--source URL [--topic FILTER]... [--qos 0|1|2]]...
      Runs Herald headless (core, web UI and bridge) and prints the URL to open, with its access token.
      SIGUSR2 makes every source reconnect at once and catch up (as after the computer wakes up).
      --port           web UI port (default ${DEFAULT_WEB_PORT}; another free port if taken; 0 = any)
      --broker-port    port of the embedded MQTT broker (default from settings, 1883), or off
      --rules FILE     a rules document (docs/rules.md) that replaces the stored rules of the data dir;
                       one that does not validate stops Herald before it starts, with every problem listed
${SOURCE_URL_HELP}
  herald export [--data-dir DIR] [--search QUERY] [filters]
      Writes the inbox (or the messages that match) to stdout as JSON Lines, oldest first. Works while Herald
      is running.
  herald search QUERY [--data-dir DIR] [--limit N] [filters]
      Prints the messages that match QUERY (words match as prefixes, "quoted phrases" as written, all must
      occur) as JSON Lines, newest first, like export. Works while Herald is running.
    filters:
${FILTER_HELP}
  herald rules check FILE
      Checks a rules document: prints each problem (rule, field, reason) and exits 1, or a summary and exits 0.
${SUBCOMMANDS.map((command) => command.usage).join('\n')}
  herald help`;

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  const asksHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';
  if (!command || asksHelp(command) || rest.some(asksHelp)) return { command: 'help' };
  if (command === 'export') {
    const args: ExportArgs = { command: 'export', filters: {} };
    forEachOption(rest, (name, value) => {
      if (name === '--data-dir') args.dataDir = value();
      else if (!asFilterUsage(() => parseFilterOption(args.filters, name, value, true)))
        throw new UsageError(`unknown option ${name} for export`);
    });
    return args;
  }
  if (command === 'search') {
    const [query, ...options] = rest;
    if (query === undefined || query.startsWith('--') || query.trim() === '')
      throw new UsageError('search needs a QUERY, e.g. herald search "front door"');
    const args: SearchArgs = { command: 'search', filters: { search: query } };
    forEachOption(options, (name, value) => {
      if (name === '--data-dir') args.dataDir = value();
      else if (name === '--limit') args.limit = positive(name, value());
      else if (!asFilterUsage(() => parseFilterOption(args.filters, name, value, false)))
        throw new UsageError(`unknown option ${name} for search`);
    });
    return args;
  }
  if (command === 'rules') {
    const [sub, file, ...extra] = rest;
    if (sub !== 'check')
      throw new UsageError(
        sub ? `unknown rules command "${sub}"; use "herald rules check FILE"` : 'use "herald rules check FILE"',
      );
    if (!file) throw new UsageError('rules check needs a FILE');
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    return { command: 'rules-check', file };
  }
  if (command !== 'serve') throw new UsageError(`unknown command "${command}"`);

  const args: ServeArgs = { command: 'serve', host: '127.0.0.1', port: DEFAULT_WEB_PORT, sources: [] };
  const pending: PendingSource[] = [];
  const current = (option: string) => {
    const last = pending.at(-1);
    if (!last) throw new UsageError(`${option} must follow a --source`);
    return last;
  };
  forEachOption(rest, (name, value) => {
    switch (name) {
      case '--data-dir':
        args.dataDir = value();
        break;
      case '--host':
        args.host = value();
        break;
      case '--port':
        args.port = portNumber(value(), name, true);
        break;
      case '--rules':
        args.rules = value();
        break;
      case '--broker-port': {
        const raw = value();
        args.brokerPort = raw === 'off' ? 'off' : portNumber(raw, name, false);
        break;
      }
      case '--source': {
        const url = value();
        pending.push(asUsage(`--source ${url}`, () => parseSourceUrl(url)));
        break;
      }
      case '--topic': {
        const source = current('--topic');
        const topic = value();
        if (source.source.kind === 'mqtt' && !isValidTopicFilter(topic)) {
          throw new UsageError(`--topic ${topic}: not a valid MQTT topic filter`);
        }
        source.topics.push(topic);
        break;
      }
      case '--qos': {
        const source = current('--qos');
        source.qos = asUsage('--qos', () => qosOf(value()));
        break;
      }
      default:
        throw new UsageError(`unknown option ${name} for serve`);
    }
  });
  args.sources = pending.map((source) => asUsage(`--source ${source.source.url}`, () => finishSource(source)));
  return args;
}

function asUsage<T>(context: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SourceUrlError)
      throw new UsageError(err.message.startsWith('--') ? err.message : `${context}: ${err.message}`);
    throw err;
  }
}

function asFilterUsage(parse: () => boolean): boolean {
  try {
    return parse();
  } catch (err) {
    if (err instanceof FilterUsageError) throw new UsageError(err.message);
    throw err;
  }
}
