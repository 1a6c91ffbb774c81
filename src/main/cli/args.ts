// Command-line parsing for `herald`. --topic and --qos belong to the --source before them, so options are
// read in order rather than with a generic parser.
import type { EphemeralSource } from '../core/core-api.ts';
import { brokerUrlProblem, isValidTopicFilter, type Qos } from '../../shared/model.ts';

export interface ServeArgs {
  command: 'serve';
  dataDir?: string;
  host: string;
  port: number;
  brokerPort?: number | 'off';
  sources: EphemeralSource[];
}
export interface ExportArgs {
  command: 'export';
  dataDir?: string;
}
export type CliArgs = ServeArgs | ExportArgs | { command: 'help' };

export class UsageError extends Error {}

export const DEFAULT_WEB_PORT = 7341;

export const USAGE = `Usage:
  herald serve [--data-dir DIR] [--host 127.0.0.1] [--port N] [--broker-port N|off]
               [--source URL --topic FILTER [--topic FILTER2] [--qos 0|1|2]]...
      Runs Herald headless (core, web UI and bridge) and prints the URL to open, with its access token.
      --port           web UI port (default ${DEFAULT_WEB_PORT}; another free port if taken; 0 = any)
      --broker-port    port of the embedded MQTT broker (default from settings, 1883), or off
      --source URL     an extra MQTT broker for this run only (mqtt://, mqtts://, ws://, wss://)
      --topic FILTER   a topic filter for the --source before it (wildcards + and # allowed)
      --qos N          QoS for that source's topics (default 1)
  herald export [--data-dir DIR]
      Writes the inbox to stdout as JSON Lines, oldest first. Works while Herald is running.
  herald help`;

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'export') {
    const args: ExportArgs = { command: 'export' };
    forEachOption(rest, (name, value) => {
      if (name !== '--data-dir') throw new UsageError(`unknown option ${name} for export`);
      args.dataDir = value();
    });
    return args;
  }
  if (command !== 'serve') throw new UsageError(`unknown command "${command}"`);

  const args: ServeArgs = { command: 'serve', host: '127.0.0.1', port: DEFAULT_WEB_PORT, sources: [] };
  let current: { kind: 'mqtt'; url: string; topics: { filter: string; qos: Qos }[]; qos: Qos } | null = null;
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
      case '--broker-port': {
        const raw = value();
        args.brokerPort = raw === 'off' ? 'off' : portNumber(raw, name, false);
        break;
      }
      case '--source': {
        const url = value();
        const problem = brokerUrlProblem(url);
        if (problem) throw new UsageError(`--source ${url}: ${problem}`);
        current = { kind: 'mqtt', url, topics: [], qos: 1 };
        args.sources.push(current);
        break;
      }
      case '--topic': {
        if (!current) throw new UsageError('--topic must follow a --source');
        const filter = value();
        if (!isValidTopicFilter(filter)) throw new UsageError(`--topic ${filter}: not a valid MQTT topic filter`);
        current.topics.push({ filter, qos: current.qos });
        break;
      }
      case '--qos': {
        if (!current) throw new UsageError('--qos must follow a --source');
        const qos = Number(value());
        if (qos !== 0 && qos !== 1 && qos !== 2) throw new UsageError('--qos must be 0, 1 or 2');
        current.qos = qos;
        for (const topic of current.topics) topic.qos = qos;
        break;
      }
      default:
        throw new UsageError(`unknown option ${name} for serve`);
    }
  });
  for (const source of args.sources) {
    if (source.kind === 'mqtt' && source.topics.length === 0) {
      throw new UsageError(`--source ${source.url} needs at least one --topic`);
    }
    delete (source as { qos?: Qos }).qos;
  }
  return args;
}

function forEachOption(argv: string[], handle: (name: string, value: () => string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? splitOnce(argv[i]) : [argv[i], undefined];
    if (!name.startsWith('--')) throw new UsageError(`unexpected argument "${name}"`);
    handle(name, () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    });
  }
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

function portNumber(raw: string, name: string, allowZero: boolean): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65535) {
    throw new UsageError(`${name} must be a port number${allowZero ? ' (0 for any free port)' : ''}, not "${raw}"`);
  }
  return port;
}
