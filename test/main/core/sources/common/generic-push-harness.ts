// What the WebSocket and SSE source tests share: a source context that records what the pipeline received
// (and keeps the cursor the way the store does: saved with each committed message), and a self-signed
// certificate made with the real openssl CLI.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceStatus } from '../../../../../src/shared/model.ts';
import type { IncomingMessage, SourceContext } from '../../../../../src/main/core/sources/common/source.ts';
import { tempDir } from '../../../../helpers/core.ts';

export interface Recorder {
  context: SourceContext;
  messages: IncomingMessage[];
  statuses: SourceStatus[];
  /** How many messages were handed to the sink, committed or not. */
  handedOver(): number;
  /** The cursor as the store would have it: the last one committed. */
  cursor(): string | undefined;
  /** Writes wait until release() while held (a slow disk). */
  hold(): void;
  release(): void;
  /** The next writes fail (a full disk). */
  failWrites(fail: boolean): void;
}

export function recorder(options: { token?: string; cursor?: string } = {}): Recorder {
  const messages: IncomingMessage[] = [];
  const statuses: SourceStatus[] = [];
  let cursor = options.cursor;
  let held: (() => void)[] | null = null;
  let failing = false;
  let calls = 0;
  const commit = (message: IncomingMessage) => {
    messages.push(message);
    if (message.cursor !== undefined) cursor = message.cursor;
  };
  const context: SourceContext = {
    sink: (message) => {
      calls++;
      if (failing) return Promise.reject(new Error('disk full'));
      if (held) {
        const queue = held;
        return new Promise<void>((resolve) => queue.push(() => (commit(message), resolve())));
      }
      commit(message);
      return Promise.resolve();
    },
    onStatus: (status) => statuses.push(status),
    secrets: { token: options.token },
    loadCursor: () => cursor,
    dataDir: '/nonexistent',
    inflight: { put: () => {}, get: () => undefined, delete: () => {} },
  };
  return {
    context,
    messages,
    statuses,
    handedOver: () => calls,
    cursor: () => cursor,
    hold: () => void (held ??= []),
    release: () => {
      const queue = held ?? [];
      held = null;
      for (const settle of queue) settle();
    },
    failWrites: (fail) => void (failing = fail),
  };
}

export const fastBackoff = { initialMs: 50, maxMs: 200 };

/** A self-signed certificate for 127.0.0.1 (the client does not trust it). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = tempDir('herald-cert-');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir.path, 'key.pem'),
        '-out',
        join(dir.path, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir.path, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir.path, 'cert.pem'), 'utf8'),
    };
  } finally {
    dir.remove();
  }
}
