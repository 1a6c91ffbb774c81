// The rules document as JSON, for admins who write rules by hand (docs/rules.md). Apply checks it with the
// shared validator, then main checks it again; a refused document saves nothing and lists every problem.
import { useId, useState } from 'react';
import {
  checkRulesDocument,
  describeRuleProblem,
  type RuleProblem,
  type RulesDocument,
} from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';

interface RawRulesEditorProps {
  document: RulesDocument;
  onSave(document: unknown): Promise<RuleProblem[]>;
  onDone(): void;
}

export function RawRulesEditor({ document, onSave, onDone }: RawRulesEditorProps) {
  const id = useId();
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(document, null, 2));
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  async function apply() {
    const parsed = parseJson(text);
    if (!parsed.ok) return setProblems([parsed.error]);
    const check = checkRulesDocument(parsed.value);
    if (!check.ok) return setProblems(check.problems.map(describeRuleProblem));
    setSaving(true);
    try {
      const refused = await onSave(parsed.value);
      if (refused.length === 0) onDone();
      else setProblems(refused.map(describeRuleProblem));
    } catch (err) {
      setProblems([errorMessage(err)]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="raw-rules">
      <h2 id={`${id}-heading`}>{t('rawRules.title')}</h2>
      <p className="muted small">
        <code>{'{ "version": 1, "rules": [ … ] }'}</code>
        {t('rawRules.intro')}
      </p>
      <textarea
        id={`${id}-text`}
        aria-labelledby={`${id}-heading`}
        aria-invalid={problems.length > 0 ? true : undefined}
        aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
        className="raw-rules-text"
        rows={20}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblems([]);
        }}
      />
      {problems.length > 0 && (
        <div id={`${id}-problems`} className="form-refusal" role="alert" data-testid="raw-problems">
          <p>{t('rawRules.notApplied')}</p>
          <ul>
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={saving} onClick={apply}>
          {saving ? t('rawRules.applying') : t('rawRules.apply')}
        </button>
        <button type="button" onClick={onDone}>
          {t('ruleForm.cancel')}
        </button>
      </div>
    </div>
  );
}

/** JSON.parse with its complaint as text: "not valid JSON: Unexpected token } in JSON at position 12". */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `not valid JSON: ${errorMessage(err)}` };
  }
}
