// Serves the renderer from out/renderer through a privileged `app://herald/` scheme instead of file://, so the
// page has a real origin to validate IPC senders and navigation against, and every response carries a strict CSP.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveRendererFile } from '../core/renderer-files.ts';

export { CONTENT_SECURITY_POLICY };

export const APP_SCHEME = 'app';
export const APP_HOST = 'herald';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app` is ready: Chromium only learns about privileged schemes at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After `ready`: answer every app:// request from `rendererDir`. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
}

/**
 * Is this URL the app's own page (or, in development, the electron-vite dev server)? Parsed, never compared
 * with startsWith: `app://herald.evil/` or `http://localhost:5173@evil/` must not pass.
 */
export function isAppUrl(url: string | undefined | null, devServerUrl?: string): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Non-special schemes have an opaque ("null") origin in WHATWG URL, so compare scheme and host instead.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (!devServerUrl) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** The file under rendererDir an app:// URL names, or null when it names something outside it. */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return resolveRendererFile(rendererDir, parsed.pathname);
}

export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  const file = resolveAppPath(rendererDir, url);
  if (!file) return textResponse(403, 'Forbidden');
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        ...securityHeaders(),
        'Content-Type': contentTypeFor(file),
      },
    });
  } catch {
    return textResponse(404, 'Not found');
  }
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

function securityHeaders(): Record<string, string> {
  return { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
}
