// "Notify me when …" on an entity: a condition on its value (on/off, below/above a number, or a text) that must
// hold for some minutes; the core writes it as a rule (devices.alert), shown afterwards on the Rules page.
import { useId, useState, type FormEvent } from 'react';
import type { EntityView } from '../../shared/commands/devices.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';

type Kind = 'onOff' | 'number' | 'text';
type Choice = 'on' | 'off' | '<' | '>' | '==';

function kindOf(entity: EntityView): Kind {
  if (entity.control === 'toggle' || typeof entity.value === 'boolean') return 'onOff';
  if (entity.control === 'number' || typeof entity.value === 'number') return 'number';
  return 'text';
}

const CHOICES: Record<
  Kind,
  {
    value: Choice;
    label:
      'devices.alert.isOn' | 'devices.alert.isOff' | 'devices.alert.below' | 'devices.alert.above' | 'devices.alert.is';
  }[]
> = {
  onOff: [
    { value: 'on', label: 'devices.alert.isOn' },
    { value: 'off', label: 'devices.alert.isOff' },
  ],
  number: [
    { value: '<', label: 'devices.alert.below' },
    { value: '>', label: 'devices.alert.above' },
    { value: '==', label: 'devices.alert.is' },
  ],
  text: [{ value: '==', label: 'devices.alert.is' }],
};

export function AlertForm({ entity }: { entity: EntityView }) {
  const t = useT();
  const client = useClient();
  const id = useId();
  const kind = kindOf(entity);
  const [choice, setChoice] = useState<Choice>(CHOICES[kind][0]!.value);
  const [value, setValue] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // The form exists only while it is open: a long device list would otherwise carry one per entity.
  const [open, setOpen] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const onOff = choice === 'on' || choice === 'off';
    const request = {
      entityId: entity.id,
      op: onOff ? ('==' as const) : choice,
      value: onOff ? choice === 'on' : kind === 'number' ? Number(value) : value,
      forMinutes: Number(minutes),
    };
    try {
      const { rule } = await client.invoke('devices.alert', request);
      setResult({ ok: true, text: t('devices.alert.created', { rule }) });
    } catch (err) {
      setResult({ ok: false, text: t('devices.alert.failed', { error: errorMessage(err) }) });
    }
  }

  return (
    <details className="entity-alert" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary aria-label={t('devices.alert.openNamed', { name: entity.name })}>{t('devices.alert.open')}</summary>
      {open && (
        <form onSubmit={(event) => void submit(event)}>
          <label htmlFor={`${id}-condition`}>{t('devices.alert.condition')}</label>
          <select id={`${id}-condition`} value={choice} onChange={(event) => setChoice(event.target.value as Choice)}>
            {CHOICES[kind].map((option) => (
              <option key={option.value} value={option.value}>
                {t(option.label)}
              </option>
            ))}
          </select>
          {kind !== 'onOff' && (
            <>
              <label htmlFor={`${id}-value`}>{t('devices.alert.value')}</label>
              <input
                id={`${id}-value`}
                type={kind === 'number' ? 'number' : 'text'}
                step="any"
                required
                value={value}
                onChange={(event) => setValue(event.target.value)}
              />
            </>
          )}
          <label htmlFor={`${id}-minutes`}>{t('devices.alert.minutes')}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min="0"
            step="any"
            required
            aria-describedby={`${id}-minutes-hint`}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
          />
          <p id={`${id}-minutes-hint`} className="muted small">
            {t('devices.alert.minutesHint')}
          </p>
          <button type="submit">{t('devices.alert.create')}</button>
        </form>
      )}
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'muted small' : 'inline-error'}>
          {result.text}
        </p>
      )}
    </details>
  );
}
