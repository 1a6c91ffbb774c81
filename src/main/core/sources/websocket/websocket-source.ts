// A generic WebSocket push endpoint (`wss://push.example/websocket/{userId}`): every frame the server sends
// is a message. Text frames are read as JSON with the user's field mapping, or as plain text; binary frames
// go to the generic decoder. The connection is watched with pings, because a socket that went half-open
// (sleep, NAT timeout, Wi-Fi change) can look open for hours while nothing arrives.
//
// Frame size: frames up to 16 MiB are accepted and stored (the inbox's own payload cap cuts and marks them),
// so a large alert is kept rather than lost. A larger frame makes `ws` close the socket with 1009; it is
// counted as dropped and the source reconnects (a WebSocket cannot skip a frame and carry on).
import { isUtf8 } from 'node:buffer';
import { WebSocket, type RawData } from 'ws';
import { frameBytes } from '../../ws-frames.ts';
import type { StoredSourceOf } from '../../settings/schema.ts';
import type { BackoffOptions } from '../common/backoff.ts';
import { LoopSource, type Attempt, type AttemptEvents } from '../common/connection-loop.ts';
import { partsFromText } from '../common/field-mapping.ts';
import { describeConnectionError, displayUrl } from '../common/network-errors.ts';
import { endpointTopic, formatDuration, headerProblem, requestHeaders } from '../common/push-endpoint.ts';
import { DEFAULT_MAX_PENDING, SinkWindow } from '../common/sink-window.ts';
import {
  SourceOffline,
  type IncomingMessage,
  type Source,
  type SourceContext,
  type SourceSender,
} from '../common/source.ts';

export interface WebSocketSourceOptions {
  /** How often to ping. Default 20 s. */
  pingIntervalMs?: number;
  /** Nothing at all (pong, frame, ping) this long after a ping means the connection is dead. Default 20 s. */
  pongTimeoutMs?: number;
  /** Give up on an opening handshake after this long. Default 20 s. */
  handshakeTimeoutMs?: number;
  /** Larger frames are refused (close 1009), counted as dropped, and the source reconnects. Default 16 MiB. */
  maxFrameBytes?: number;
  /** Messages handed to the pipeline and not yet committed before reading pauses. */
  maxPending?: number;
  backoff?: BackoffOptions;
}

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** Above this many unsent bytes the peer is not reading: send nothing more (pings included). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** How long a stop waits for the server to answer the close frame before cutting the socket. */
const CLOSE_GRACE_MS = 1000;
/** Close codes some servers (graphql-ws and others) use for "unauthorized" / "forbidden": retrying won't help. */
const REFUSING_CLOSE_CODES = new Set([4401, 4403]);

export function createWebSocketSource(
  config: StoredSourceOf<'websocket'>,
  context: SourceContext,
  options: WebSocketSourceOptions = {},
): Source {
  return new WebSocketSource(config, context, options);
}

class WebSocketSource extends LoopSource implements Source {
  private readonly config: StoredSourceOf<'websocket'>;
  private readonly context: SourceContext;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly handshakeTimeoutMs: number;
  private readonly maxFrameBytes: number;
  private readonly maxPending: number;
  private readonly where: string;
  private readonly topic: string;
  /** The socket of the current attempt, for publishing; null until one opens. */
  private socket: WebSocket | null = null;

  /** A publish is one text frame on the open socket (the topic, QoS and retain mean nothing here). */
  readonly sender: SourceSender = {
    online: () => this.socket?.readyState === WebSocket.OPEN,
    send: (request) => sendTextFrame(this.socket, request.payload, this.config.name, request.properties !== undefined),
  };

  constructor(config: StoredSourceOf<'websocket'>, context: SourceContext, options: WebSocketSourceOptions) {
    super(context.onStatus, options.backoff);
    this.config = config;
    this.context = context;
    this.pingIntervalMs = options.pingIntervalMs ?? 20_000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 20_000;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 20_000;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.where = displayUrl(config.url);
    this.topic = endpointTopic(config.url);
  }

  protected connect(events: AttemptEvents): Attempt {
    const headers = requestHeaders(this.config.headers, this.context.secrets.token);
    let finished = false;
    let pingTimer: NodeJS.Timeout | null = null;
    let pongTimer: NodeJS.Timeout | null = null;
    let heard = false;
    const end = (report: () => void) => {
      if (finished) return;
      finished = true;
      if (pingTimer) clearInterval(pingTimer);
      if (pongTimer) clearTimeout(pongTimer);
      report();
    };
    const lost = (reason: string) => end(() => events.lost(reason));
    const refused = (reason: string) => end(() => events.refused(reason));

    const problem = headerProblem(headers);
    let socket: WebSocket;
    try {
      if (problem) throw new Error(problem);
      socket = new WebSocket(this.config.url, {
        headers,
        handshakeTimeout: this.handshakeTimeoutMs,
        maxPayload: this.maxFrameBytes,
        // Invalid UTF-8 in a text frame would otherwise close the connection; such a frame is kept as bytes.
        skipUTF8Validation: true,
      });
    } catch (err) {
      // Bad settings: dialling again would fail the same way.
      queueMicrotask(() => refused(`cannot connect to ${this.where}: ${(err as Error).message}`));
      return { close: () => void (finished = true) };
    }

    const window = new SinkWindow(
      this.context.sink,
      (error) => {
        this.loop.countDropped(1);
        lost(`a message could not be stored: ${(error as Error).message ?? String(error)}`);
      },
      this.maxPending,
    );
    const alive = () => {
      heard = true;
      if (pongTimer) clearTimeout(pongTimer);
      pongTimer = null;
    };
    const ping = () => {
      // While reading is paused for a slow store, pongs sit unread: that says nothing about the server.
      if (finished || socket.readyState !== WebSocket.OPEN || socket.isPaused) return;
      heard = false;
      if (socket.bufferedAmount < MAX_BUFFERED_BYTES) socket.ping();
      pongTimer ??= setTimeout(() => {
        pongTimer = null;
        if (!heard && !socket.isPaused) {
          lost(`no answer from ${this.where} for ${formatDuration(this.pongTimeoutMs)}; the connection is dead`);
          socket.terminate();
        }
      }, this.pongTimeoutMs);
    };

    socket.on('open', () => {
      if (finished) return;
      this.socket = socket;
      alive();
      events.opened();
      const openMessage = this.config.openMessage;
      if (openMessage && socket.bufferedAmount < MAX_BUFFERED_BYTES) socket.send(openMessage);
      pingTimer = setInterval(ping, this.pingIntervalMs);
    });
    socket.on('message', (data, isBinary) => {
      alive();
      // Frames still arriving while a stop closes the socket gracefully are kept too.
      window.push(this.toMessage(data, isBinary));
      if (window.full && !socket.isPaused) {
        socket.pause();
        void window.room().then(() => socket.resume());
      }
    });
    socket.on('pong', alive);
    socket.on('ping', alive);
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      const text = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''} from ${this.where}`;
      if (status === 401 || status === 403) refused(`${text}: check the token and headers`);
      else lost(text);
      socket.terminate();
    });
    socket.on('error', (err: Error & { code?: string }) => {
      if (finished) return;
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        this.loop.countDropped(1);
        lost(`a frame larger than ${formatBytes(this.maxFrameBytes)} was dropped; reconnecting`);
      } else if (err.message.includes('handshake has timed out')) {
        lost(`${this.where} did not answer the WebSocket handshake within ${formatDuration(this.handshakeTimeoutMs)}`);
      } else {
        lost(describeConnectionError(err, this.config.url));
      }
    });
    socket.on('close', (code, reason) => {
      const why = reason.toString('utf8');
      const text = `${this.where} closed the connection${closeCodeMeaning(code)}${why ? `: ${why}` : ''}`;
      if (REFUSING_CLOSE_CODES.has(code)) refused(text);
      else lost(text);
    });

    return {
      close: () =>
        new Promise<void>((resolve) => {
          end(() => {});
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          if (socket.readyState === WebSocket.OPEN) {
            socket.close(1000, 'Herald disconnected');
            setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
          } else {
            socket.terminate();
          }
        }),
    };
  }

  private toMessage(data: RawData, isBinary: boolean): IncomingMessage {
    const bytes = frameBytes(data);
    const base = { sourceId: this.config.id, sourceName: this.config.name, topic: this.topic, receivedAt: Date.now() };
    if (isBinary || !isUtf8(bytes)) {
      return { ...base, payload: bytes, properties: { frame: isBinary ? 'binary' : 'text (not valid UTF-8)' } };
    }
    const { note, ...parts } = partsFromText(bytes.toString('utf8'), this.config.format, this.config.mapping);
    return { ...base, ...parts, properties: { frame: 'text', ...(note ? { note } : {}) } };
  }
}

function sendTextFrame(
  socket: WebSocket | null,
  text: string,
  name: string,
  withProperties: boolean,
): Promise<{ note?: string }> {
  if (socket?.readyState !== WebSocket.OPEN) return Promise.reject(new SourceOffline(`${name} is not connected`));
  return new Promise((resolve, reject) => {
    socket.send(text, { binary: false }, (err) => {
      if (err) reject(new SourceOffline(`the frame could not be sent: ${err.message}`));
      else resolve(withProperties ? { note: 'WebSocket frames carry no MQTT properties; they were not sent' } : {});
    });
  });
}

function closeCodeMeaning(code: number): string {
  switch (code) {
    case 1000:
      return '';
    case 1001:
      return ' (going away)';
    case 1005:
      return ' (no close code)';
    case 1006:
      return ' without a close frame (dropped)';
    case 1011:
      return ' (server error, code 1011)';
    case 1012:
      return ' (server restarting, code 1012)';
    case 1013:
      return ' (try again later, code 1013)';
    default:
      return ` (code ${code})`;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
