// Opening Gotify's `/stream` WebSocket with the client token in a header (no token in URLs or logs). A
// refusal during the handshake comes back as the HTTP status Gotify answered, so 401 can stop the retries.
import WebSocket from 'ws';
import type { GotifyApi } from './gotify-api.ts';
import { HttpStatusError } from '../common/http-json-stream.ts';

/** Far above any sane message; a bigger frame makes `ws` close the connection, bounding memory. */
const MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;
const ERROR_BODY_BYTES = 16 * 1024;

/** The stream closed: by the server, or because the network went away. */
export class StreamClosedError extends Error {
  readonly code: number;
  constructor(code: number, reason: string) {
    super(`Gotify closed the stream (code ${code}${reason ? `: ${reason}` : ''})`);
    this.code = code;
  }
}

/** Resolves with the open socket; rejects with HttpStatusError for a refused handshake, or the network error. */
export function openGotifyStream(api: GotifyApi, signal: AbortSignal, handshakeTimeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const socket = new WebSocket(api.streamUrl(), {
      headers: api.authHeaders,
      maxPayload: MAX_PAYLOAD_BYTES,
      handshakeTimeout: handshakeTimeoutMs,
      perMessageDeflate: false,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      settle(() => reject(signal.reason));
      socket.terminate();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // Errors after the handshake are the caller's; until then they reject here. Never unhandled.
    socket.on('error', (err) => settle(() => reject(err)));
    socket.once('open', () => settle(() => resolve(socket)));
    socket.once('unexpected-response', (request, response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const text = Buffer.concat(chunks).toString('utf8');
        settle(() => reject(new HttpStatusError(response.statusCode ?? 0, errorText(text))));
        request.destroy();
        socket.terminate();
      };
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= ERROR_BODY_BYTES) chunks.push(chunk);
        else finish();
      });
      response.on('end', finish);
      response.on('error', finish);
    });
  });
}

/** Gotify's JSON error ({error, errorCode, errorDescription}) as one line. */
function errorText(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: unknown; errorDescription?: unknown };
    const parts = [json.error, json.errorDescription].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length) return parts.join(': ');
  } catch {
    // Not JSON.
  }
  return text.trim().split('\n')[0]!.slice(0, 200);
}
