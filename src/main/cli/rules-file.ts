// Rules documents given on the command line: `herald rules check FILE` and `herald serve --rules FILE`. Both
// read the file the same way and name every problem by rule and field, so a script can fix it in one go.
import { readFileSync } from 'node:fs';
import { errorMessage } from '../../shared/error-message.ts';
import { checkRulesDocument, describeRuleProblem, type RulesDocument } from '../../shared/rules/schema.ts';

export type RulesFileCheck = { ok: true; document: RulesDocument } | { ok: false; problems: string[] };

export function checkRulesFile(file: string): RulesFileCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [`cannot read ${file}: ${errorMessage(err)}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`${file} is not JSON: ${errorMessage(err)}`] };
  }
  const checked = checkRulesDocument(json);
  return checked.ok ? checked : { ok: false, problems: checked.problems.map(describeRuleProblem) };
}

/** One line per rule, for a person to see what the file says. */
export function summariseRules(document: RulesDocument): string[] {
  const lines = [`${document.rules.length} rule${document.rules.length === 1 ? '' : 's'}, all valid`];
  document.rules.forEach((rule, i) => {
    const match = Object.entries(rule.match).map(([key, value]) => `${key} ${JSON.stringify(value)}`);
    const when = rule.when ? Object.entries(rule.when).map(([key, value]) => `${key} ${JSON.stringify(value)}`) : [];
    const parts = [...match, ...when, ...(rule.for ? [`for ${rule.for}`] : [])];
    lines.push(
      `${i + 1}. ${rule.name}${rule.enabled ? '' : ' (disabled)'}: ${parts.length ? parts.join(', ') : 'every message'} -> ${rule.action}` +
        `${rule.priority !== undefined ? `, priority ${rule.priority}` : ''}${rule.limit ? `, limit ${rule.limit}` : ''}` +
        `${rule.snoozeUntil ? `, snoozed until ${rule.snoozeUntil}` : ''}`,
    );
  });
  return lines;
}
