// Secrets kept out of text that leaves the running app (the log file, a diagnostics export). Passwords, tokens
// and keys live in the secret store, never in settings, but a URL may still carry `user:pass@` or `?token=`,
// a header an `Authorization`, and an error message may quote either.

export const REDACTED = '[redacted]';

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']*@/gi;
/** Query parameters that carry credentials (ntfy's `auth=`, `access_token=`, `apikey=`, `sig=`, ...). */
const SECRET_QUERY = /([?&](?:[\w-]*(?:token|auth|key|secret|pass|sig)[\w-]*)=)[^&#\s"']*/gi;
/**
 * Field names whose string values are secrets wherever they appear; a WebSocket source's `openMessage` too, as
 * it often carries an auth frame (`{"type":"auth","access_token":...}`).
 */
const SECRET_FIELD =
  /pass(word|phrase)?$|secret|token|apikey|api_key|authorization|cookie|credential|privatekey|tlskey|^openmessage$/i;

/** `mqtt://user:secret@host/?token=x` -> `mqtt://[redacted]@host/?token=[redacted]`, anywhere in the text. */
export function redactText(text: string): string {
  return text.replace(URL_USERINFO, `$1${REDACTED}@`).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** Replaces each known secret value (from the secret store) wherever it appears; very short ones are left. */
export function redactValues(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  return result;
}

/**
 * A copy of a JSON value with every string passed through redactText, the values of secret-named fields and
 * of every `headers` map replaced (their names kept: which header was set can matter to a diagnosis).
 */
export function redactDeep(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return SECRET_FIELD.test(key) && value !== '' ? REDACTED : redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item));
  if (value === null || typeof value !== 'object') return value;
  const headers = key.toLowerCase() === 'headers';
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [
      name,
      headers && typeof inner === 'string' ? REDACTED : redactDeep(inner, name),
    ]),
  );
}
