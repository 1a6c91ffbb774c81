// Authentication and subscription for the HTTP kinds: the server's answer to the request the source itself
// makes, where 401 means the credentials are wrong or missing and 403 that they may not read what was asked.
import WebSocket from 'ws';
import type { SecretValues, SourceSettings, SourceSettingsOf } from '../../../shared/sources.ts';
import { errorDetail } from '../sources/common/http-json-stream.ts';
import { describeConnectionError } from '../sources/common/network-errors.ts';
import { requestHeaders } from '../sources/common/push-endpoint.ts';
import { GotifyApi } from '../sources/gotify/gotify-api.ts';
import { authorizationHeader } from '../sources/ntfy/ntfy-source.ts';
import { StepFailure } from './network-steps.ts';

type HttpKind = Exclude<SourceSettings['kind'], 'mqtt' | 'webhook'>;
export type HttpTestSettings = SourceSettingsOf<HttpKind>;

/** What a step runner needs: run a step, with its own timing, and get its value back. */
export type RunStep = <T>(step: 'auth' | 'subscribe', work: () => Promise<{ value: T; detail: string }>) => Promise<T>;
export type SkipStep = (step: 'subscribe', detail: string) => void;

export async function httpSteps(
  settings: HttpTestSettings,
  secrets: SecretValues,
  timeoutMs: number,
  run: RunStep,
  skip: SkipStep,
): Promise<void> {
  if (settings.kind === 'ntfy') {
    const authorization = authorizationHeader(settings.username, secrets);
    const url = `${settings.url.replace(/\/+$/, '')}/${settings.topics.join(',')}/json?poll=1&since=latest`;
    const response = await run('auth', async () => {
      const answer = await get(url, authorization ? { Authorization: authorization } : {}, timeoutMs);
      if (answer.status === 401) throw new StepFailure(await refusal(answer, authorization !== undefined));
      if (answer.status !== 403 && !answer.ok) throw new StepFailure(await unexpected(answer, 'an ntfy server'));
      return { value: answer, detail: authorization ? 'the server accepted the credentials' : 'no credentials needed' };
    });
    await run('subscribe', async () => {
      if (response.status === 403) throw new StepFailure(await forbidden(response, settings.topics.join(', ')));
      await response.body?.cancel();
      return { value: undefined, detail: `allowed to read ${settings.topics.join(', ')}` };
    });
    return;
  }
  if (settings.kind === 'gotify') {
    const api = new GotifyApi(settings.url, secrets.token);
    await run('auth', async () => {
      if (!secrets.token) throw new StepFailure('no client token is set (Gotify needs one to read messages)');
      const answer = await get(api.resolve('application'), api.authHeaders, timeoutMs);
      if (answer.status === 401 || answer.status === 403) throw new StepFailure(await refusal(answer, true));
      if (!answer.ok) throw new StepFailure(await unexpected(answer, 'a Gotify server'));
      await answer.body?.cancel();
      return { value: undefined, detail: 'the server accepted the client token' };
    });
    await run('subscribe', async () => ({
      value: await openWebSocket(api.streamUrl(), api.authHeaders, timeoutMs),
      detail: 'the message stream (/stream) is open',
    }));
    return;
  }
  const headers = requestHeaders(settings.headers, secrets.token);
  if (settings.kind === 'sse') {
    const response = await run('auth', async () => {
      const answer = await get(settings.url, { Accept: 'text/event-stream', ...headers }, timeoutMs);
      if (answer.status === 401) throw new StepFailure(await refusal(answer, Object.keys(headers).length > 0));
      if (answer.status === 403) throw new StepFailure(await forbidden(answer, 'this stream'));
      if (!answer.ok) throw new StepFailure(await unexpected(answer, 'an event stream'));
      return { value: answer, detail: `the server answered HTTP ${answer.status}` };
    });
    await run('subscribe', async () => {
      const type = response.headers.get('content-type') ?? 'no content type';
      await response.body?.cancel();
      if (!type.includes('text/event-stream')) {
        throw new StepFailure(`the server sent ${type}, not text/event-stream (is this the stream's URL?)`);
      }
      return { value: undefined, detail: 'the event stream is open' };
    });
    return;
  }
  if (settings.kind === 'http') {
    const held = settings.mode === 'long-poll';
    const response = await run('auth', async () => {
      const answer = await get(settings.url, { Accept: 'application/json', ...headers }, timeoutMs, held);
      // A long-poll server may hold even the first request until it has news: that is an answer too.
      if (!answer) return { value: null, detail: 'the server holds the request until it has news (long polling)' };
      if (answer.status === 401) throw new StepFailure(await refusal(answer, Object.keys(headers).length > 0));
      if (answer.status === 403) throw new StepFailure(await forbidden(answer, 'this endpoint'));
      if (!answer.ok) throw new StepFailure(await unexpected(answer, 'a JSON endpoint'));
      return { value: answer, detail: `the server answered HTTP ${answer.status}` };
    });
    if (!response) return skip('subscribe', 'no answer yet to check: the server is waiting for news');
    await run('subscribe', async () => {
      const type = response.headers.get('content-type') ?? 'no content type';
      await response.body?.cancel();
      if (!type.includes('json')) throw new StepFailure(`the server sent ${type}, not JSON (is this the API's URL?)`);
      return { value: undefined, detail: 'the endpoint answers with JSON' };
    });
    return;
  }
  const socket = await run('auth', async () => ({
    value: await openWebSocket(settings.url, headers, timeoutMs, true),
    detail: 'the server accepted the WebSocket upgrade',
  }));
  if (settings.openMessage === undefined) {
    socket.terminate();
    skip('subscribe', 'no message to send on open: the server pushes without one');
    return;
  }
  await run('subscribe', async () => ({
    value: await sendOpenMessage(socket, settings.openMessage!, timeoutMs),
    detail: 'the open message was sent and the server kept the connection',
  }));
}

/** With `mayHold`, no answer within the time is null instead of a failure. */
async function get(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response>;
async function get(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  mayHold: boolean,
): Promise<Response | null>;
async function get(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  mayHold = false,
): Promise<Response | null> {
  try {
    return await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') {
      if (mayHold) return null;
      throw new StepFailure(`no answer within ${timeoutMs} ms`);
    }
    throw new StepFailure(describeConnectionError(err, url));
  }
}

async function refusal(response: Response, gaveCredentials: boolean): Promise<string> {
  const said = await errorDetail(response);
  return `${credentialsWord(gaveCredentials)}: HTTP ${response.status}${said ? ` ${said}` : ''}`;
}

function credentialsWord(gaveCredentials: boolean): string {
  return gaveCredentials
    ? 'the server refused the credentials (wrong user name, password or token)'
    : 'the server needs credentials (a user name and password, or a token)';
}

async function forbidden(response: Response, what: string): Promise<string> {
  const said = await errorDetail(response);
  return `the credentials are not allowed to read ${what}: HTTP ${response.status}${said ? ` ${said}` : ''}`;
}

async function unexpected(response: Response, expected: string): Promise<string> {
  const said = await errorDetail(response);
  return `the server answered HTTP ${response.status}${said ? ` ${said}` : ''} (is this ${expected}? check the URL)`;
}

/** Opens a WebSocket; an HTTP answer instead of the upgrade becomes a plain-words failure. */
function openWebSocket(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  keepOpen = false,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, handshakeTimeout: timeoutMs });
    socket.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      // Rejected before terminate(), whose own "closed before the connection was established" says less.
      reject(
        new StepFailure(
          status === 401
            ? `${credentialsWord(Object.keys(headers).length > 0)}: HTTP 401`
            : status === 403
              ? 'the credentials are not allowed to open this stream: HTTP 403'
              : `the WebSocket upgrade was answered with HTTP ${status} (check the path)`,
        ),
      );
      socket.terminate();
    });
    socket.once('error', (err) => reject(new StepFailure(describeConnectionError(err, url))));
    socket.once('open', () => {
      if (!keepOpen) socket.terminate();
      resolve(socket);
    });
  });
}

/** Sends the subscribe frame and waits a moment: a server that refuses it usually closes at once. */
function sendOpenMessage(socket: WebSocket, message: string, timeoutMs: number): Promise<undefined> {
  const settle = Math.min(500, timeoutMs);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      resolve(undefined);
    }, settle);
    socket.once('close', (code, reason) => {
      clearTimeout(timer);
      reject(
        new StepFailure(
          `the server closed the connection after the open message (${code}${reason.length ? ` ${reason.toString()}` : ''})`,
        ),
      );
    });
    socket.send(message, (err) => {
      if (err) {
        clearTimeout(timer);
        socket.terminate();
        reject(new StepFailure(`the open message could not be sent: ${err.message}`));
      }
    });
  });
}
