// Action buttons that push servers attach to messages (ntfy). An `http` action is a request main sends itself,
// so it works without the browser's CORS rules; `view` and `copy` are handed back to the UI.
import { HeraldError } from '../../../shared/contract.ts';
import type { MessageAction } from '../../../shared/model.ts';

export type ActionResult = { status?: number; openUrl?: string; copyText?: string };

const HTTP_ACTION_TIMEOUT_MS = 15_000;

export function isHttpUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export async function runMessageAction(action: MessageAction): Promise<ActionResult> {
  switch (action.action) {
    case 'view':
      if (!isHttpUrl(action.url))
        throw new HeraldError(
          'invalid_request',
          `"${action.label}" opens ${action.url ?? 'nothing'}; only http(s) links are opened`,
        );
      return { openUrl: action.url };
    case 'copy':
      return { copyText: action.value ?? '' };
    case 'http': {
      if (!isHttpUrl(action.url)) throw new HeraldError('invalid_request', `"${action.label}" has no http(s) URL`);
      const method = (action.method ?? 'POST').toUpperCase();
      try {
        const response = await fetch(action.url, {
          method,
          headers: action.headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : (action.body ?? ''),
          signal: AbortSignal.timeout(HTTP_ACTION_TIMEOUT_MS),
          redirect: 'follow',
        });
        await response.body?.cancel();
        if (!response.ok) throw new HeraldError('internal', `"${action.label}" failed: HTTP ${response.status}`);
        return { status: response.status };
      } catch (err) {
        if (err instanceof HeraldError) throw err;
        throw new HeraldError('internal', `"${action.label}" failed: ${(err as Error).message}`);
      }
    }
    default:
      throw new HeraldError('invalid_request', `"${action.label}" is an Android-only ${action.action} action`);
  }
}
