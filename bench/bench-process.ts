// What several benchmarks share: publishing N messages from a publisher process of its own (bench/publisher.ts,
// so it does not share the measured event loop), and waiting for a condition with a deadline.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const publisherScript = fileURLToPath(new URL('./publisher.ts', import.meta.url));

/** Publishes `count` messages to `topic` (a `{i}` in it spreads them over 1,000 topics) and resolves when done. */
export function publishMessages(url: string, topic: string, count: number, qos: 0 | 1 | 2): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', publisherScript, url, topic, String(count), String(qos)],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited ${code}`))));
  });
}

/** Polls `done` every `pollMs` until it holds; throws after `timeoutMs`. */
export async function until(done: () => boolean, what: string, timeoutMs = 120_000, pollMs = 1): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
