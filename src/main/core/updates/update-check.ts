// One look at the release feed: electron-builder's latest.yml (`version: 1.2.3`, `releaseDate`, `path`, files),
// of which only the version matters, compared with the version running. Reading two scalar lines needs no YAML
// library; anything that is not such a feed is reported as such, as are HTTP errors and a feed that is silent.
import { errorMessage } from '../../../shared/error-message.ts';
import type { UpdateCheck } from '../../../shared/commands/updates.ts';

/** A feed that does not answer within this long is given up on. */
export const FEED_TIMEOUT_MS = 15_000;
/** A latest.yml is well under a kilobyte per file it lists; more than this is not a release feed. */
const MAX_FEED_BYTES = 256 * 1024;

export interface CheckOptions {
  feedUrl: string;
  /** The running version (package.json's). */
  current: string;
  timeoutMs?: number;
  now?: () => number;
}

export async function checkForUpdate(options: CheckOptions): Promise<UpdateCheck> {
  const now = options.now ?? Date.now;
  const failed = (error: string): UpdateCheck => ({ current: options.current, newer: false, checkedAt: now(), error });
  const current = parseVersion(options.current);
  if (!current) return failed(`the running version "${options.current}" is not a version number`);
  let text: string;
  try {
    text = await fetchFeed(options.feedUrl, options.timeoutMs ?? FEED_TIMEOUT_MS);
  } catch (err) {
    return failed(errorMessage(err));
  }
  const feed = parseFeed(text);
  if (!feed) return failed('the update feed is not a release feed (it has no "version:" line)');
  const latest = parseVersion(feed.version);
  if (!latest) return failed(`the update feed names "${feed.version}", which is not a version number`);
  const newer = compareVersions(latest, current) > 0;
  return {
    current: options.current,
    latest: feed.version,
    newer,
    checkedAt: now(),
    ...(newer ? { releaseUrl: releasePage(options.feedUrl, feed.version) } : {}),
  };
}

async function fetchFeed(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'text/yaml, text/plain, */*' },
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'TimeoutError') {
      throw new Error(`the update feed did not answer within ${timeoutMs / 1000} s`, { cause: err });
    }
    // fetch says "fetch failed"; what failed is in the cause (ECONNREFUSED, ENOTFOUND, a certificate).
    const cause = err instanceof Error && err.cause !== undefined ? errorMessage(err.cause) : errorMessage(err);
    throw new Error(`the update feed could not be reached: ${cause}`, { cause: err });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(
      `the update feed answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
  return readCapped(response);
}

/** The body as text, refusing (and not reading) more than MAX_FEED_BYTES. */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_FEED_BYTES) throw new Error(`the update feed is larger than ${MAX_FEED_BYTES / 1024} KiB`);
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof DOMException && err.name === 'TimeoutError') {
      throw new Error('the update feed stopped answering', { cause: err });
    }
    throw err;
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface Feed {
  version: string;
  releaseDate?: string;
  path?: string;
}

/** The top-level scalars of a latest.yml that matter; null when there is no `version:` line. */
export function parseFeed(text: string): Feed | null {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    // Top level only: list items and nested keys are indented or start with "-".
    const match = /^([A-Za-z][\w]*):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (match && !fields.has(match[1]!)) fields.set(match[1]!, unquote(match[2]!));
  }
  const version = fields.get('version');
  if (!version) return null;
  const releaseDate = fields.get('releaseDate');
  const path = fields.get('path');
  return { version, ...(releaseDate ? { releaseDate } : {}), ...(path ? { path } : {}) };
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*?)\1(?:\s+#.*)?$/.exec(value);
  if (quoted) return quoted[2]!;
  // A plain scalar ends where a comment starts.
  return value.replace(/\s+#.*$/, '');
}

export interface Version {
  core: [number, number, number];
  /** Pre-release identifiers ("beta", 2); empty for a release. */
  pre: (string | number)[];
}

/** Semantic version "1.2.3", "v1.2.3", "1.2.3-beta.2" or "1.2.3+build"; null for anything else. */
export function parseVersion(text: string): Version | null {
  const match =
    /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
      text.trim(),
    );
  if (!match) return null;
  const pre = match[4] ? match[4].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [];
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre };
}

/** Semantic version precedence: negative when a is older than b, 0 when equal, positive when newer. */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! - b.core[i]!;
  // A pre-release comes before its release.
  if (!a.pre.length || !b.pre.length) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    if (x === y) continue;
    // Numeric identifiers sort numerically and before alphanumeric ones.
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}

/**
 * Where the user reads about the release: its GitHub release page when the feed is a GitHub release download,
 * else the folder the feed is in (a mirror keeps the installers beside latest.yml).
 */
export function releasePage(feedUrl: string, version: string): string {
  const url = new URL(feedUrl);
  const github = /^\/([^/]+)\/([^/]+)\/releases\//.exec(url.pathname);
  if (url.hostname === 'github.com' && github) {
    const tag = version.startsWith('v') ? version : `v${version}`;
    return `https://github.com/${github[1]}/${github[2]}/releases/tag/${encodeURIComponent(tag)}`;
  }
  url.search = '';
  url.hash = '';
  return new URL('.', url).href;
}
