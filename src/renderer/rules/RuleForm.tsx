// Add or edit one rule. Every change is checked at once with the shared validator, on the whole document with
// this rule in its place, and each problem is shown next to its field; a live preview below shows what the rule
// would have done to recent messages. Main checks again on save: what it refuses is shown and nothing is saved.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { describeRuleProblem, type Rule, type RuleProblem } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { CheckboxField, TextField } from '../sources/fields.tsx';
import { documentWith, emptyRuleForm, errorsFor, formFromRule, validateRuleForm } from './rule-form.ts';
import type { RuleFormErrors, RuleFormField, RuleFormValues } from './rule-form.ts';
import { MatchFields, ThenFields, WhenFields, type FieldsProps } from './RuleFormFields.tsx';
import { RulePreview } from './RulePreview.tsx';

interface RuleFormProps {
  rules: readonly Rule[];
  /** The position of the rule being edited; null to add one (at the end). */
  index: number | null;
  sources: readonly SourceView[];
  /** Saves the whole document; resolves to main's problems (none when saved). */
  onSave(document: unknown): Promise<RuleProblem[]>;
  onSaved(): void;
  onCancel(): void;
}

export function RuleForm({ rules, index, sources, onSave, onSaved, onCancel }: RuleFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = index === null ? null : rules[index];
  const t = useT();
  const [values, setValues] = useState<RuleFormValues>(() => (editing ? formFromRule(editing) : emptyRuleForm()));
  const [touched, setTouched] = useState<ReadonlySet<RuleFormField>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ text: string; problems: RuleProblem[] } | null>(null);

  const checked = validateRuleForm(values, rules, index);
  // Problems show for what the user has touched (or everything, once they tried to save); main's own refusal
  // stays until the next change.
  const serverErrors: RuleFormErrors = refusal ? errorsFor(refusal.problems, checked.index) : {};
  const shown: RuleFormErrors = {};
  for (const [key, message] of Object.entries({ ...checked.errors, ...serverErrors })) {
    if (showAll || refusal || key === 'general' || touched.has(key as RuleFormField)) {
      shown[key as RuleFormField] = message;
    }
  }

  const set: FieldsProps['set'] = (key, value) => {
    setValues((current) => ({ ...current, [key]: value }));
    setTouched((current) => new Set(current).add(key));
    setRefusal(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    if (!checked.ok) {
      setShowAll(true);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    try {
      const { document } = documentWith(rules, index, checked.rule);
      const problems = await onSave(document);
      if (problems.length === 0) onSaved();
      else setRefusal({ text: problems.map(describeRuleProblem).join('; '), problems });
    } catch (err) {
      setRefusal({ text: errorMessage(err), problems: [] });
    } finally {
      setSaving(false);
    }
  }

  const fieldProps: FieldsProps = { values, errors: shown, idFor: (name) => `${id}-${name}`, set, sources };
  return (
    <div className="rule-editor">
      <form ref={formRef} className="rule-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>
          {editing ? t('ruleForm.editTitle', { name: editing.name }) : t('ruleForm.addTitle')}
        </h2>
        {refusal && (
          <p className="form-refusal" role="alert" data-testid="rule-refusal">
            {t('rules.notSaved', { error: refusal.text })}
          </p>
        )}
        {shown.general && !refusal && (
          <p className="form-refusal" role="alert">
            {shown.general}
          </p>
        )}
        <div className="field-pair">
          <TextField
            id={`${id}-name`}
            label={t('ruleForm.name')}
            value={values.name}
            error={shown.name}
            hint={t('ruleForm.nameHint')}
            onChange={(v) => set('name', v)}
          />
          <div className="rule-enabled">
            <CheckboxField label={t('ruleForm.enabled')} checked={values.enabled} onChange={(v) => set('enabled', v)} />
          </div>
        </div>
        <MatchFields {...fieldProps} />
        <WhenFields {...fieldProps} />
        <ThenFields {...fieldProps} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? t('ruleForm.saving') : editing ? t('ruleForm.save') : t('rules.add')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('ruleForm.cancel')}
          </button>
        </div>
      </form>
      <RulePreview rule={checked.rule} index={checked.index} valid={checked.ok} />
    </div>
  );
}
