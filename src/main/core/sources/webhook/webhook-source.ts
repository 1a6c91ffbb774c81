// A webhook source: while it runs, its hook answers POST /hook/NAME on Herald's web server. A body is either
// JSON ({ title, message, priority, click, tags }) or plain text (the message); each post is one inbox message
// that goes through the same rules, store and notifications as any other.
import type { SourceStatus } from '../../../../shared/model.ts';
import { hookNameOf } from '../../../../shared/sources/webhook.ts';
import { priorityOf } from '../../decode/decode.ts';
import type { StoredSourceOf } from '../../settings/schema.ts';
import type { PushFields, Source, SourceContext } from '../common/source.ts';
import { HookBodyError } from './webhook-hub.ts';

export function createWebhookSource(config: StoredSourceOf<'webhook'>, context: SourceContext): Source {
  let status: SourceStatus = { state: 'connecting', since: Date.now() };
  let stopHook: (() => void) | null = null;
  const setStatus = (next: Omit<SourceStatus, 'since'>) => {
    if (next.state === status.state && next.error === status.error) return;
    status = { ...next, since: Date.now() };
    context.onStatus(status);
  };
  const name = hookNameOf(config.url);

  return {
    get status() {
      return status;
    },
    start() {
      const hooks = context.hooks;
      if (!hooks) return setStatus({ state: 'error', error: 'this Herald has no web server for hooks' });
      if (name === null) return setStatus({ state: 'error', error: 'the address must end in /hook/NAME' });
      if (!context.secrets.token) {
        return setStatus({ state: 'error', error: 'set a token: without one the hook refuses every post' });
      }
      const unregister = hooks.register(name, {
        token: context.secrets.token,
        allowRemote: config.allowRemote,
        perMinute: config.perMinute,
        deliver: async (body, contentType) => {
          await context.sink({
            sourceId: config.id,
            sourceName: config.name,
            topic: `hook/${name}`,
            receivedAt: Date.now(),
            fields: fieldsOf(body, contentType),
          });
        },
      });
      // "Connected" only while a web server really answers the hook (herald serve; the app alone has none).
      const follow = () =>
        setStatus(
          hooks.served
            ? { state: 'connected' }
            : { state: 'error', error: 'no web server answers hooks here: they are served by herald serve' },
        );
      const unwatch = hooks.watch(follow);
      follow();
      stopHook = () => {
        unwatch();
        unregister();
      };
    },
    reconnectNow() {
      // Nothing to dial: posts arrive when their senders send them.
    },
    stop() {
      stopHook?.();
      stopHook = null;
      return Promise.resolve();
    },
  };
}

/** What was posted, as a message: JSON with known fields, or the text itself. */
export function fieldsOf(body: Buffer, contentType: string | undefined): PushFields {
  const text = body.toString('utf8');
  const saysJson = /\bjson\b/i.test(contentType ?? '');
  if (!saysJson && !/^\s*\{/.test(text)) {
    if (text.trim() === '') throw new HookBodyError('the body is empty: send the message as text or JSON');
    return { body: text };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (saysJson) throw new HookBodyError('the body is not valid JSON');
    return { body: text };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new HookBodyError('the JSON body must be an object such as {"title": "...", "message": "..."}');
  }
  const post = json as Record<string, unknown>;
  const message = [post.message, post.body, post.text].find((v): v is string => typeof v === 'string');
  const title = typeof post.title === 'string' ? post.title : undefined;
  if (message === undefined && title === undefined) {
    throw new HookBodyError('the JSON body needs a "message" (or a "title")');
  }
  const click = typeof post.click === 'string' && /^https?:\/\//i.test(post.click) ? post.click : undefined;
  const tags = Array.isArray(post.tags)
    ? post.tags.filter((tag): tag is string => typeof tag === 'string')
    : typeof post.tags === 'string'
      ? post.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean)
      : undefined;
  return {
    body: message ?? '',
    ...(title !== undefined ? { title } : {}),
    ...(post.priority !== undefined ? { priority: priorityOf(post.priority) } : {}),
    ...(click || tags?.length
      ? { extras: { ...(click ? { clickUrl: click } : {}), ...(tags?.length ? { tags } : {}) } }
      : {}),
  };
}
