// Checks the form before anything is sent. Most rules are the shared schema itself (SourceInput), so the form
// says exactly what main would say; the few checks here cover what the schema cannot see in the form's shape
// (numbers still being typed, header rows, which secrets are needed given what is already saved).
import { SourceInput } from '../../shared/sources.ts';
import { toSourceInput, type SavedSecrets, NO_SAVED_SECRETS } from './form-input.ts';
import type { SourceFormValues } from './form-values.ts';
import { URL_WORDING } from './kinds.ts';

/**
 * Problems keyed by the field's path in the input: 'name', 'url', 'topics' (the list), 'topics.2' (one row),
 * 'headers.0' (a header row), 'keepalive', 'tls.ca', 'mapping.title'... '' is a problem with no field.
 */
export type SourceFormErrors = Record<string, string>;

const MAX_SESSION_EXPIRY = 4_294_967_295;

export function validateSourceForm(values: SourceFormValues, saved: SavedSecrets = NO_SAVED_SECRETS): SourceFormErrors {
  const errors: SourceFormErrors = {};
  const add = (key: string, message: string) => {
    errors[key] ??= message;
  };
  formOnlyChecks(values, saved, add);
  const parsed = SourceInput.safeParse(toSourceInput(values, saved));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(fieldKey(issue.path, values), issueMessage(issue));
  }
  return errors;
}

export function hasErrors(errors: SourceFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

function formOnlyChecks(
  values: SourceFormValues,
  saved: SavedSecrets,
  add: (key: string, message: string) => void,
): void {
  if (!values.url.trim()) add('url', `enter the URL, like ${URL_WORDING[values.kind].placeholder}`);
  switch (values.kind) {
    case 'mqtt':
      if (!isWholeNumberIn(values.keepalive, 5, 3600))
        add('keepalive', 'keepalive is a whole number of seconds from 5 to 3600');
      if (
        values.protocolVersion === 5 &&
        values.keepSession &&
        !isWholeNumberIn(values.sessionExpiry, 0, MAX_SESSION_EXPIRY)
      ) {
        add('sessionExpiry', 'session expiry is a whole number of seconds (0 = the default, one day)');
      }
      return;
    case 'websocket':
    case 'sse': {
      const seen = new Map<string, number>();
      values.headers.forEach((row, index) => {
        const name = row.name.trim();
        if (!name && !row.value) return; // an empty row is ignored
        if (!name) return add(`headers.${index}`, 'a header needs a name');
        const lower = name.toLowerCase();
        if (seen.has(lower)) add(`headers.${index}`, `the header ${name} is already listed`);
        seen.set(lower, index);
      });
      return;
    }
    case 'ntfy':
      if (values.ntfyAuth === 'password') {
        if (!values.username.trim()) add('username', 'enter the username, or sign in with an access token instead');
        if (!values.password.value && (!saved.hasPassword || values.password.remove))
          add('password', 'enter the password');
      }
      if (values.ntfyAuth === 'token' && !values.token.value && (!saved.hasToken || values.token.remove)) {
        add('token', 'enter the access token');
      }
      return;
    case 'gotify':
      if (!values.token.value && (!saved.hasToken || values.token.remove)) {
        add('token', 'a client token is required: Gotify streams messages only to a signed-in client');
      }
      return;
    case 'webhook':
      if (!isWholeNumberIn(values.perMinute, 1, 6000)) add('perMinute', 'a whole number of posts from 1 to 6000');
      if (!values.token.value && (!saved.hasToken || values.token.remove)) {
        add('token', 'a token is required: senders must prove they may post');
      }
      return;
  }
}

function isWholeNumberIn(text: string, min: number, max: number): boolean {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return false;
  const n = Number(trimmed);
  return n >= min && n <= max;
}

/** A bad record key (a header name) is reported as "Invalid key in record"; the rule it broke says more. */
function issueMessage(issue: { message: string; issues?: readonly { message: string }[] }): string {
  return issue.issues?.[0]?.message ?? issue.message;
}

/** Where in the form a schema issue belongs. */
function fieldKey(path: readonly PropertyKey[], values: SourceFormValues): string {
  const [head, second] = path;
  if (head === 'topics' && typeof second === 'number') return `topics.${second}`;
  if (head === 'headers' && typeof second === 'string') {
    const index = values.headers.findIndex((row) => row.name.trim() === second);
    return index >= 0 ? `headers.${index}` : 'headers';
  }
  return path.slice(0, 2).map(String).join('.');
}
