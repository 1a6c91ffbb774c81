// A decision's reason in the UI's language. Main words each reason one way (rules/compiled-rule.ts and
// rules/decision.ts in the core) and stores it with the message; the forms are few and fixed, so they are
// recognised here and said again with the catalogue's words. Anything else (a reason from a later version) is
// shown as stored.
import type { MessageKey, Translate } from '../i18n/i18n.ts';

type Form = [pattern: RegExp, key: MessageKey, names: string[]];

// Most specific first: "for" and "(became true)" end a value condition, which may itself contain any words.
const FORMS: Form[] = [
  [/^low priority$/, 'reason.lowPriority', []],
  [/^snoozed until (.+)$/, 'reason.snoozed', ['until']],
  [/^quiet hours (.+)$/, 'reason.quietHours', ['range']],
  [/^limit (\S+)$/, 'reason.limit', ['rate']],
  [/^(.+) \(became true\)$/, 'reason.becameTrue', ['condition']],
  [/^(\$.*) for (\S+)$/, 'reason.for', ['condition', 'duration']],
  [/^matched (.+)$/, 'reason.matched', ['text']],
  [/^priority (\S+)$/, 'reason.priority', ['condition']],
  [/^topic (\S+)$/, 'reason.topic', ['filter']],
  [/^source (.+)$/, 'reason.source', ['source']],
];

export function reasonText(reason: string, t: Translate): string {
  for (const [pattern, key, names] of FORMS) {
    const found = pattern.exec(reason);
    if (!found) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = found[i + 1]!));
    return t(key, params);
  }
  return reason;
}
