// `herald publish`: sends one message. Through a Herald running on the data dir (its bridge, so the message is
// queued there while the source is offline, and shows in the Publish history) or, when none runs or the URL
// is not one of its sources, over a connection of its own.
import { defaultDataDir } from '../data-dir.ts';
import { findRunningHerald } from '../discovery.ts';
import { BridgeRefused, BridgeUnavailable, connectBridge, type BridgeClient } from '../bridge-client.ts';
import { forEachOption, UsageError } from '../options.ts';
import { publishDirect, targetFromSettings, targetFromUrl } from '../publish-direct.ts';
import { MAX_BRIDGED_PAYLOAD_BYTES, type PublishResult } from '../../../shared/publish.ts';
import type { Subcommand } from '../subcommand.ts';

export interface PublishArgs {
  source: string;
  topic: string;
  message: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  dataDir?: string;
}

export const publishCommand: Subcommand = {
  name: 'publish',
  usage: `  herald publish --source ID|URL --topic T --message M [--qos 0|1|2] [--retain] [--data-dir DIR]
      Sends one message: through the Herald running on the data dir when there is one (queued there while
      the source is offline), otherwise over a connection of its own. ID is a saved source's id (or name);
      a URL is read like serve's --source (mqtt://, mqtts://, ws://, wss://; kind=websocket for a WebSocket
      server, whose frame is the message). Exit code 0 when sent or queued, 1 when it failed, 2 for usage.`,
  async run(argv) {
    const args = parsePublishArgs(argv);
    const line = await publish(args);
    console.log(line);
  },
};

export function parsePublishArgs(argv: string[]): PublishArgs {
  const args: Partial<PublishArgs> & { qos: 0 | 1 | 2; retain: boolean } = { qos: 0, retain: false };
  forEachOption(argv, (name, value) => {
    if (name === '--source') args.source = value();
    else if (name === '--topic') args.topic = value();
    else if (name === '--message') args.message = value();
    else if (name === '--data-dir') args.dataDir = value();
    else if (name === '--retain') args.retain = true;
    else if (name === '--qos') {
      const raw = value();
      if (raw !== '0' && raw !== '1' && raw !== '2') throw new UsageError(`--qos must be 0, 1 or 2, not "${raw}"`);
      args.qos = Number(raw) as 0 | 1 | 2;
    } else throw new UsageError(`unknown option ${name} for publish`);
  });
  if (!args.source) throw new UsageError('publish needs --source ID|URL');
  if (args.message === undefined) throw new UsageError('publish needs --message M');
  if (args.topic !== undefined && /[+#]/.test(args.topic)) {
    throw new UsageError(`--topic ${args.topic}: a wildcard (+ or #) cannot be published to; give one topic`);
  }
  return { ...args, source: args.source, message: args.message, topic: args.topic ?? '' };
}

const looksLikeUrl = (source: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

async function publish(args: PublishArgs): Promise<string> {
  const dataDir = args.dataDir ?? defaultDataDir();
  const request = { topic: args.topic, payload: args.message, qos: args.qos, retain: args.retain };
  const running = findRunningHerald(dataDir);
  // The bridge takes frames up to 1 MiB: a larger message goes over a connection of its own.
  if (running && Buffer.byteLength(args.message) <= MAX_BRIDGED_PAYLOAD_BYTES) {
    let bridge: BridgeClient | null = null;
    try {
      bridge = await connectBridge(running);
      const sourceId = await runningSourceId(bridge, args.source);
      if (sourceId !== undefined) {
        const result = await bridge.request('publish.send', { ...request, sourceId });
        return describe(result, args.source);
      }
    } catch (err) {
      if (err instanceof BridgeRefused) throw new Error(`not published: ${err.message}`, { cause: err });
      if (!(err instanceof BridgeUnavailable)) throw err;
      // A Herald that is stopping or a stale file: fall through to a connection of our own.
    } finally {
      bridge?.close();
    }
  }
  const target = looksLikeUrl(args.source) ? targetFromUrl(args.source) : targetFromSettings(dataDir, args.source);
  try {
    const note = await publishDirect(target, request);
    return `sent to ${target.config.name}${args.topic ? ` ${args.topic}` : ''}${note ? ` (${note})` : ''}`;
  } catch (err) {
    throw new Error(`not published to ${target.config.name}: ${(err as Error).message}`, { cause: err });
  }
}

/** The running Herald's id for this source: the id itself, a source's name, or a source with this URL. */
async function runningSourceId(bridge: BridgeClient, source: string): Promise<string | undefined> {
  const sources = await bridge.request('sources.list', {});
  const found = looksLikeUrl(source)
    ? sources.find((s) => s.url === source)
    : (sources.find((s) => s.id === source) ?? sources.find((s) => s.name === source));
  // An unknown id goes to Herald anyway, which says it does not exist.
  return found?.id ?? (looksLikeUrl(source) ? undefined : source);
}

function describe(result: PublishResult, source: string): string {
  const note = result.note ? ` (${result.note})` : '';
  if (result.outcome === 'sent') return `sent through Herald to ${source}${note}`;
  return `queued in Herald: ${source} is offline; ${result.queued} waiting, sent when it is back${note}`;
}
