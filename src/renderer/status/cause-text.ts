// Why a connection failed, in the UI's language. Main words each cause one way (sources/mqtt/mqtt-errors.ts in
// the core) and sends it as text; the common forms are recognised here and said again with the catalogue's
// words, keeping what main filled in (host, code, time). Any other cause is shown as main wrote it.
import type { MessageKey, Translate } from '../i18n/i18n.ts';

type Form = [pattern: RegExp, key: MessageKey, names: string[]];

const FORMS: Form[] = [
  [/^connection refused by (.+) \(is a broker running there\?\)$/, 'cause.refused', ['host']],
  [/^host (.+) not found \(check the URL\)$/, 'cause.notFound', ['host']],
  [/^connecting to (.+) timed out$/, 'cause.timedOut', ['host']],
  [/^the connection to (.+) was reset$/, 'cause.reset', ['host']],
  [/^the broker refused the user name or password \((.+)\)$/, 'cause.badLogin', ['code']],
  [/^the broker says this client is not authorised \((.+)\)$/, 'cause.notAuthorised', ['code']],
  [/^the broker did not answer within (.+)$/, 'cause.noAnswer', ['time']],
  [/^the broker stopped answering \(no reply to a ping within (.+)\)$/, 'cause.silent', ['time']],
  [/^TLS: certificate signed by an unknown authority \(check the CA\)$/, 'cause.unknownCa', []],
  [/^TLS: the broker's certificate has expired$/, 'cause.expired', []],
];

export function causeText(cause: string, t: Translate): string {
  for (const [pattern, key, names] of FORMS) {
    const found = pattern.exec(cause);
    if (!found) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = found[i + 1]!));
    return t(key, params);
  }
  return cause;
}
