// Gotify's REST side, as the source needs it: the application list (names and icons) and the message pages
// it catches up from. Every request carries the client token and a timeout, and reads a bounded body.
import { errorDetail, HttpStatusError, readTextCapped } from '../common/http-json-stream.ts';

const REQUEST_TIMEOUT_MS = 30_000;
/** A page is at most 200 messages; this only stops a broken server from filling memory. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface GotifyApplication {
  id: number;
  name: string;
  /** Path relative to the server (e.g. "image/abc.png" or "static/defaultapp.png"). */
  image?: string;
}

export interface GotifyPage {
  paging: { since?: number; next?: string; size?: number; limit?: number };
  messages: unknown[];
}

export class GotifyApi {
  /** The server URL with a trailing slash, so relative paths resolve under a reverse-proxy prefix. */
  readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(serverUrl: string, token: string | undefined) {
    this.base = `${serverUrl.replace(/\/+$/, '')}/`;
    this.headers = { Accept: 'application/json', ...(token ? { 'X-Gotify-Key': token } : {}) };
  }

  /** ws(s)://…/stream */
  streamUrl(): string {
    const url = new URL('stream', this.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
  }

  get authHeaders(): Record<string, string> {
    return this.headers;
  }

  async applications(signal: AbortSignal): Promise<GotifyApplication[]> {
    const body = await this.getJson('application', signal);
    if (!Array.isArray(body)) throw new Error('Gotify sent an application list that is not a list');
    return (body as unknown[]).filter((a): a is GotifyApplication => {
      if (a === null || typeof a !== 'object') return false;
      const app = a as { id?: unknown; name?: unknown };
      return Number.isSafeInteger(app.id) && typeof app.name === 'string';
    });
  }

  /** Newest first: messages with an id below `since` (all when undefined). */
  async messages(limit: number, since: number | undefined, signal: AbortSignal): Promise<GotifyPage> {
    const query = `message?limit=${limit}${since === undefined ? '' : `&since=${since}`}`;
    const body = (await this.getJson(query, signal)) as Partial<GotifyPage> | null;
    if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) {
      throw new Error('Gotify sent a message page without messages');
    }
    return { paging: body.paging && typeof body.paging === 'object' ? body.paging : {}, messages: body.messages };
  }

  /** An absolute URL for a server-relative path such as an application image. */
  resolve(path: string): string {
    return new URL(path, this.base).toString();
  }

  private async getJson(path: string, signal: AbortSignal): Promise<unknown> {
    const response = await fetch(new URL(path, this.base), {
      headers: this.headers,
      signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    if (!response.ok) throw new HttpStatusError(response.status, await errorDetail(response));
    const text = await readTextCapped(response, MAX_RESPONSE_BYTES);
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`Gotify sent something that is not JSON for /${path.split('?')[0]}`);
    }
  }
}
