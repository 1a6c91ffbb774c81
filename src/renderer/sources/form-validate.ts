// Checks the form before anything is sent. Most rules are the shared schema itself (SourceInput), so the form
// says exactly what main would say; the few checks here cover what the schema cannot see in the form's shape
// (numbers still being typed, header rows, which secrets are needed given what is already saved).
import { SourceInput } from '../../shared/sources.ts';
import { toSourceInput, type SavedSecrets, NO_SAVED_SECRETS } from './form-input.ts';
import type { SourceFormValues } from './form-values.ts';
import type { Translate } from '../i18n/i18n.ts';
import { urlWording } from './kinds.ts';

/**
 * Problems keyed by the field's path in the input: 'name', 'url', 'topics' (the list), 'topics.2' (one row),
 * 'headers.0' (a header row), 'keepalive', 'tls.ca', 'mapping.title'... '' is a problem with no field.
 */
export type SourceFormErrors = Record<string, string>;

const MAX_SESSION_EXPIRY = 4_294_967_295;

export function validateSourceForm(
  values: SourceFormValues,
  t: Translate,
  saved: SavedSecrets = NO_SAVED_SECRETS,
): SourceFormErrors {
  const errors: SourceFormErrors = {};
  const add = (key: string, message: string) => {
    errors[key] ??= message;
  };
  formOnlyChecks(values, saved, t, add);
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
  t: Translate,
  add: (key: string, message: string) => void,
): void {
  if (!values.url.trim()) add('url', t('sources.check.url', { example: urlWording(values.kind, t).placeholder }));
  switch (values.kind) {
    case 'mqtt':
      if (!isWholeNumberIn(values.keepalive, 5, 3600)) add('keepalive', t('sources.check.keepalive'));
      if (
        values.protocolVersion === 5 &&
        values.keepSession &&
        !isWholeNumberIn(values.sessionExpiry, 0, MAX_SESSION_EXPIRY)
      ) {
        add('sessionExpiry', t('sources.check.sessionExpiry'));
      }
      return;
    case 'http':
      if (values.pollMode === 'poll' && !isWholeNumberIn(values.intervalSeconds, 1, 86_400)) {
        add('intervalSeconds', t('sources.check.interval'));
      }
      headerChecks(values, t, add);
      return;
    case 'websocket':
    case 'sse':
      headerChecks(values, t, add);
      return;
    case 'ntfy':
      if (values.ntfyAuth === 'password') {
        if (!values.username.trim()) add('username', t('sources.check.username'));
        if (!values.password.value && (!saved.hasPassword || values.password.remove))
          add('password', t('sources.check.password'));
      }
      if (values.ntfyAuth === 'token' && !values.token.value && (!saved.hasToken || values.token.remove)) {
        add('token', t('sources.check.accessToken'));
      }
      return;
    case 'gotify':
      if (!values.token.value && (!saved.hasToken || values.token.remove)) {
        add('token', t('sources.check.gotifyToken'));
      }
      return;
    case 'webhook':
      if (!isWholeNumberIn(values.perMinute, 1, 6000)) add('perMinute', t('sources.check.perMinute'));
      if (!values.token.value && (!saved.hasToken || values.token.remove)) {
        add('token', t('sources.check.webhookToken'));
      }
      return;
  }
}

function headerChecks(values: SourceFormValues, t: Translate, add: (key: string, message: string) => void): void {
  const seen = new Map<string, number>();
  values.headers.forEach((row, index) => {
    const name = row.name.trim();
    if (!name && !row.value) return; // an empty row is ignored
    if (!name) return add(`headers.${index}`, t('sources.check.headerName'));
    const lower = name.toLowerCase();
    if (seen.has(lower)) add(`headers.${index}`, t('sources.check.headerTwice', { name }));
    seen.set(lower, index);
  });
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
