// Herald (`bin/herald.js serve`) and the chaos publisher as real processes that a test can SIGKILL and start
// again, plus `herald export` to read what the inbox ended up with.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { MessageStore, type ExportRow } from '../../../src/main/core/store/message-store.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const HERALD = join(REPO, 'bin', 'herald.js');
const PUBLISHER = fileURLToPath(new URL('./chaos-publisher.ts', import.meta.url));
const NODE_FLAGS = ['--disable-warning=ExperimentalWarning'];

export interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
}

function run(args: string[]): Proc {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `herald serve` headless with one MQTT source given as a URL with its options in the query string. */
export function startHerald(dataDir: string, sourceUrl: string, topic: string): Proc {
  return run([
    HERALD,
    'serve',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--broker-port',
    'off',
    '--source',
    sourceUrl,
    '--topic',
    topic,
  ]);
}

export function startPublisher(options: {
  url: string;
  topic: string;
  count: number;
  qos: 1 | 2;
  rate: number;
  protocolVersion: 4 | 5;
  id: 'json' | 'property' | 'none';
}): Proc {
  const { url, topic, count, qos, rate, protocolVersion, id } = options;
  return run([PUBLISHER, url, topic, String(count), String(qos), String(rate), String(protocolVersion), id]);
}

/** Messages in the inbox right now (a read-only look, beside the running Herald). */
export function inboxTotal(dataDir: string): number {
  let store: MessageStore;
  try {
    store = MessageStore.open(join(dataDir, 'inbox.sqlite'), { readOnly: true });
  } catch {
    return 0;
  }
  try {
    return store.counts().total;
  } finally {
    store.close();
  }
}

/** `herald export --data-dir DIR`, parsed. */
export function heraldExport(dataDir: string): Promise<ExportRow[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...NODE_FLAGS, HERALD, 'export', '--data-dir', dataDir],
      { maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`herald export failed: ${stderr || err.message}`));
        resolve(
          stdout
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as ExportRow),
        );
      },
    );
  });
}

/** Messages on one topic in the inbox right now (a read-only look, beside the running Herald). */
export function topicCount(dataDir: string, topic: string): number {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(join(dataDir, 'inbox.sqlite'), { readOnly: true });
  } catch {
    return 0;
  }
  try {
    db.exec('PRAGMA busy_timeout = 2000');
    return (db.prepare('SELECT count(*) AS n FROM messages WHERE topic = ?').get(topic) as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}
