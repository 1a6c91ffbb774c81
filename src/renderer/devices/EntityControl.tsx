// One entity's control, with the roles the issue names: a toggle is a switch labelled by the entity's name, a
// press control a button named by its entity, a number a slider with its unit, a select a combobox; a light
// adds brightness and colour temperature sliders and a colour picker, a cover with a position a % slider.
// Read-only entities show their value; an entity whose config or state could not be read shows why.
import { memo, useEffect, useRef, useState } from 'react';
import type { EntityView } from '../../shared/commands/devices.ts';
import { PinButton } from '../favourites/PinButton.tsx';
import { useT, type Translate } from '../i18n/i18n.ts';
import type { DevicesHandle } from './use-devices.ts';
import { AlertForm } from './AlertForm.tsx';

interface ControlProps {
  entity: EntityView;
  send: DevicesHandle['send'];
}

interface EntityControlProps extends ControlProps {
  /** Whether the entity is a favourite (tray menu, quick palette); the pin toggle changes it. */
  pinned: boolean;
  /** The same function for every row, so a row redraws only when its entity (object) or pin changes. */
  onPin(entityId: string, name: string, pinned: boolean): void;
}

export const EntityControl = memo(function EntityControl({ entity, send, pinned, onPin }: EntityControlProps) {
  return (
    <li className="entity">
      <span className="entity-name">
        {entity.name}
        <PinButton name={entity.name} pinned={pinned} onChange={(on) => onPin(entity.id, entity.name, on)} />
      </span>
      <span className="entity-control">
        <Control entity={entity} send={send} />
      </span>
      {entity.error && <span className="entity-error">{entity.error}</span>}
      {entity.alertable && <AlertForm entity={entity} />}
    </li>
  );
});

function Control({ entity, send }: ControlProps) {
  const t = useT();
  const disabled = !entity.settable;
  switch (entity.control) {
    case 'toggle':
      return (
        <>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              aria-label={entity.name}
              checked={entity.value === true}
              disabled={disabled}
              onChange={(event) => {
                const on = event.target.checked;
                send(entity.id, { action: on ? 'turn_on' : 'turn_off' }, { field: 'value', expected: on });
              }}
            />
            <span className="switch-track" aria-hidden="true" />
          </label>
          {entity.brightness && (
            <Slider
              label={t('devices.brightness', { name: entity.name })}
              value={entity.brightness.value}
              min={0}
              max={entity.brightness.max}
              step={1}
              onCommit={(value) =>
                send(
                  entity.id,
                  { action: 'set', feature: 'brightness', value },
                  { field: 'brightness', expected: value },
                )
              }
            />
          )}
          {entity.colorTemp && (
            <Slider
              label={t('devices.colorTemp', { name: entity.name })}
              value={entity.colorTemp.value}
              min={entity.colorTemp.min}
              max={entity.colorTemp.max}
              step={1}
              unit="mired"
              onCommit={(value) =>
                send(entity.id, { action: 'set', feature: 'colorTemp', value }, { field: 'colorTemp', expected: value })
              }
            />
          )}
          {entity.color && (
            <ColourPicker
              label={t('devices.colour', { name: entity.name })}
              value={entity.color.value}
              onCommit={(value) =>
                send(entity.id, { action: 'set', feature: 'color', value }, { field: 'color', expected: value })
              }
            />
          )}
        </>
      );
    case 'press':
      return (
        <button type="button" disabled={disabled} onClick={() => send(entity.id, { action: 'press' })}>
          {entity.name}
        </button>
      );
    case 'number':
      return (
        <Slider
          label={entity.name}
          value={typeof entity.value === 'number' ? entity.value : null}
          min={entity.min ?? 0}
          max={entity.max ?? 100}
          step={entity.step ?? 1}
          unit={entity.unit}
          disabled={disabled}
          onCommit={(value) => send(entity.id, { action: 'set', value }, { field: 'value', expected: value })}
        />
      );
    case 'select':
      return (
        <select
          aria-label={entity.name}
          value={typeof entity.value === 'string' ? entity.value : ''}
          disabled={disabled}
          onChange={(event) =>
            send(
              entity.id,
              { action: 'set', value: event.target.value },
              { field: 'value', expected: event.target.value },
            )
          }
        >
          {typeof entity.value !== 'string' && <option value="">—</option>}
          {(entity.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'cover':
      return (
        <>
          <span className="cover-buttons">
            <span className="entity-value">{text(entity, t)}</span>
            {(entity.positionOnly ? [] : (['open', 'stop', 'close'] as const)).map((action) => (
              <button key={action} type="button" disabled={disabled} onClick={() => send(entity.id, { action })}>
                {t(`devices.cover.${action}`)}
                <span className="visually-hidden"> {entity.name}</span>
              </button>
            ))}
          </span>
          {entity.position && (
            <Slider
              label={t('devices.position', { name: entity.name })}
              value={entity.position.value}
              min={0}
              max={100}
              step={1}
              unit="%"
              disabled={!entity.position.settable}
              onCommit={(value) =>
                send(entity.id, { action: 'set', feature: 'position', value }, { field: 'position', expected: value })
              }
            />
          )}
        </>
      );
    default:
      return <span className="entity-value">{text(entity, t)}</span>;
  }
}

function text(entity: EntityView, t: Translate): string {
  if (entity.value === null) return '—';
  if (typeof entity.value === 'boolean') return entity.value ? t('devices.on') : t('devices.off');
  return entity.unit ? `${entity.value} ${entity.unit}` : String(entity.value);
}

interface SliderProps {
  label: string;
  value: number | null;
  min: number;
  max: number;
  step: number;
  unit?: string;
  disabled?: boolean;
  onCommit: (value: number) => void;
}

/** A range input that sends once the user lets go (pointer up, key up), not on every step of a drag. */
function Slider({ label, value, min, max, step, unit, disabled, onCommit }: SliderProps) {
  const [draft, setDraft] = useState<number | null>(null);
  useEffect(() => setDraft(null), [value]);
  const current = draft ?? value ?? min;
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
  };
  return (
    <span className="slider">
      <input
        type="range"
        aria-label={label}
        aria-valuetext={unit ? `${current} ${unit}` : String(current)}
        min={min}
        max={max}
        step={step}
        value={current}
        disabled={disabled}
        onChange={(event) => setDraft(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output className="slider-value">
        {value === null && draft === null ? '—' : current}
        {unit ? ` ${unit}` : ''}
      </output>
    </span>
  );
}

interface ColourPickerProps {
  label: string;
  /** `#rrggbb`; null: not reported yet. */
  value: string | null;
  onCommit: (value: string) => void;
}

/**
 * A colour input that shows the picked colour while the picker is open and sends once it is chosen (the
 * native change event), not on every move inside the picker (React's onChange there is the input event).
 */
function ColourPicker({ label, value, onCommit }: ColourPickerProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef({ value, onCommit });
  useEffect(() => {
    latest.current = { value, onCommit };
  });
  useEffect(() => setDraft(null), [value]);
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    const commit = () => {
      if (element.value !== latest.current.value) latest.current.onCommit(element.value);
    };
    element.addEventListener('change', commit);
    return () => element.removeEventListener('change', commit);
  }, []);
  return (
    <span className="colour">
      <input
        ref={input}
        type="color"
        aria-label={label}
        value={draft ?? value ?? '#ffffff'}
        onChange={(event) => setDraft(event.target.value)}
      />
      <output className="slider-value">{draft ?? value ?? '—'}</output>
    </span>
  );
}
