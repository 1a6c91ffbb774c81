// Command-line parsing for `herald`. --topic and --qos belong to the --source before them, so options are
// read in order rather than with a generic parser.
import { SUBCOMMANDS } from './commands/index.ts';
import { forEachOption, portNumber, positive, UsageError } from './options.ts';
import { BROKER_FLAGS_HELP, parseBrokerOption, type BrokerOverrides } from './broker-args.ts';
import { asksHelp } from './version.ts';
import type { EphemeralSource } from '../core/core-api.ts';
import { isValidTopicFilter } from '../../shared/sources.ts';
import type { ListFilters } from '../core/store/message-store.ts';
import { EXPORT_FORMATS, type ExportFormat } from './export.ts';
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
  /** The embedded broker's other flags (--broker-host ...), for this run only. */
  broker?: BrokerOverrides;
  sources: EphemeralSource[];
  /** A rules document that replaces the stored rules of the data dir. */
  rules?: string;
}
export interface ExportArgs {
  command: 'export';
  dataDir?: string;
  filters: ListFilters;
  format: ExportFormat;
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

export interface HelpArgs {
  command: 'help';
  /** `herald COMMAND --help`: only that command's lines. */
  of?: string;
}

export type CliArgs = ServeArgs | ExportArgs | SearchArgs | RulesCheckArgs | HelpArgs;

export const DEFAULT_WEB_PORT = 7341;

const SERVE_USAGE = `  herald serve [--data-dir DIR] [--host 127.0.0.1] [--port N] [--broker-port N|off] [--rules FILE]
               [--source URL [--topic FILTER]... [--qos 0|1|2]]...
      Runs Herald headless (core, web UI and bridge) and prints the URL to open, with its access token.
      SIGUSR2 makes every source reconnect at once and catch up (as after the computer wakes up).
      --host           address of the web UI (default 127.0.0.1, or HERALD_HOST)
      --port           web UI port (default ${DEFAULT_WEB_PORT}, or HERALD_PORT; another free port if taken; 0 = any)
      --broker-port    port of the embedded MQTT broker (default from settings, 1883, or HERALD_BROKER_PORT), or off
${BROKER_FLAGS_HELP}
      --rules FILE     a rules document (docs/rules.md) that replaces the stored rules of the data dir;
                       one that does not validate stops Herald before it starts, with every problem listed
${SOURCE_URL_HELP}`;

const EXPORT_USAGE = `  herald export [--data-dir DIR] [--format jsonl|csv] [--search QUERY] [filters]
      Writes the inbox (or the messages that match) to stdout as JSON Lines, oldest first (or as CSV with a
      header row and the same fields: --format csv). Works while Herald is running.
    filters:
${FILTER_HELP}`;

const SEARCH_USAGE = `  herald search QUERY [--data-dir DIR] [--limit N] [filters]
      Prints the messages that match QUERY (words match as prefixes, "quoted phrases" as written, all must
      occur) as JSON Lines, newest first, like export. Works while Herald is running.
    filters:
${FILTER_HELP}`;

const RULES_USAGE = `  herald rules check FILE
      Checks a rules document: prints each problem (rule, field, reason) and exits 1, or a summary and exits 0.`;

/** Each built-in command's own lines, as `herald COMMAND --help` prints them. */
const COMMAND_USAGE: Record<string, string> = {
  serve: SERVE_USAGE,
  export: EXPORT_USAGE,
  search: SEARCH_USAGE,
  rules: RULES_USAGE,
};

const GENERAL_USAGE = `  herald help | herald COMMAND --help | herald --version (also on every command)

Environment (a command-line flag wins over its variable):
  HERALD_DATA_DIR      the data dir of every command (default: the app's own)
  HERALD_HOST, HERALD_PORT, HERALD_BROKER_PORT
                       serve's --host, --port and --broker-port
  HERALD_CONFIG_PASSPHRASE
                       the passphrase of config export --with-secrets and of importing such an export
  HERALD_LOG_LEVEL     debug, info, warn, error or silent

Exit codes: 0 done, 1 failed (the reason on stderr), 2 the command line is wrong.`;

export const USAGE = `Usage:
${[...Object.values(COMMAND_USAGE), ...SUBCOMMANDS.map((command) => command.usage)].join('\n')}
${GENERAL_USAGE}`;

/** `herald COMMAND --help`: that command's lines (all of them for an unknown command). */
export function usageOf(command: string | undefined): string {
  const own =
    (command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : undefined) ??
    SUBCOMMANDS.find((subcommand) => subcommand.name === command)?.usage;
  return own === undefined ? USAGE : `Usage:\n${own}\n${GENERAL_USAGE}`;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || asksHelp(command)) return { command: 'help' };
  if (rest.some(asksHelp)) return { command: 'help', of: command };
  if (command === 'export') {
    const args: ExportArgs = { command: 'export', filters: {}, format: 'jsonl' };
    forEachOption(rest, (name, value) => {
      if (name === '--data-dir') args.dataDir = value();
      else if (name === '--format') args.format = exportFormat(value());
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

  const args: ServeArgs = { command: 'serve', ...serveDefaults(env), sources: [] };
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
        if (!parseBrokerOption((args.broker ??= {}), name, value))
          throw new UsageError(`unknown option ${name} for serve`);
    }
  });
  args.sources = pending.map((source) => asUsage(`--source ${source.source.url}`, () => finishSource(source)));
  return args;
}

/** serve's settings from HERALD_HOST, HERALD_PORT and HERALD_BROKER_PORT; the flags override them. */
function serveDefaults(env: NodeJS.ProcessEnv): Pick<ServeArgs, 'host' | 'port' | 'brokerPort'> {
  const brokerPort = env.HERALD_BROKER_PORT || undefined;
  return {
    host: env.HERALD_HOST || '127.0.0.1',
    port: env.HERALD_PORT ? portNumber(env.HERALD_PORT, 'HERALD_PORT', true) : DEFAULT_WEB_PORT,
    ...(brokerPort === undefined
      ? {}
      : { brokerPort: brokerPort === 'off' ? 'off' : portNumber(brokerPort, 'HERALD_BROKER_PORT', false) }),
  };
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

function exportFormat(raw: string): ExportFormat {
  const format = EXPORT_FORMATS.find((known) => known === raw);
  if (format === undefined) throw new UsageError(`--format must be jsonl or csv, not "${raw}"`);
  return format;
}

function asFilterUsage(parse: () => boolean): boolean {
  try {
    return parse();
  } catch (err) {
    if (err instanceof FilterUsageError) throw new UsageError(err.message);
    throw err;
  }
}
