// An inbound webhook: scripts, CI jobs and monitoring tools POST to /hook/NAME on Herald's own web server
// (`herald serve`), with the hook's secret token. The URL says how to call it; its last path segment is the name.
import { z } from 'zod';
import { defineKind } from './define.ts';

/** The hook's name as it appears in /hook/NAME. */
export const HOOK_NAME = /^[-_A-Za-z0-9]{1,64}$/;

export const webhook = defineKind({
  kind: 'webhook',
  label: 'Webhook',
  url: {
    schemes: ['http', 'https'],
    example: 'http://127.0.0.1:7341/hook/ci',
    check: (url) =>
      hookNameOf(url.toString()) === null
        ? 'the address must end in /hook/NAME (NAME: 1-64 letters, digits, - or _)'
        : null,
    wording: {
      label: 'Hook address',
      placeholder: 'http://127.0.0.1:7341/hook/ci',
      hint: "POST here with the token (Authorization: Bearer, or ?token=); the host and port are Herald's web server.",
    },
  },
  fields: {
    /** Accept posts from other computers too; by default only this one may post. */
    allowRemote: z.boolean().default(false),
    /** Posts accepted per minute; more are answered 429. */
    perMinute: z.number().int().min(1).max(6000).default(60),
  },
});
export const WebhookSettings = webhook.settings;

/** The hook's name from its address, or null when the path does not end in /hook/NAME. */
export function hookNameOf(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = /^\/hook\/([^/]+)\/?$/.exec(path);
  return match && HOOK_NAME.test(match[1]!) ? match[1]! : null;
}
