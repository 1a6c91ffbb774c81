// One rule in the ordered list: name, what it does in one line, an enabled switch, its drop count, and the
// controls to move (buttons, or drag), edit and delete it.
import { useState, type DragEvent } from 'react';
import type { Rule } from '../../shared/rules/schema.ts';
import { useT } from '../i18n/i18n.ts';
import { ruleSummary, type SummaryContext } from './rule-summary.ts';

interface RuleItemProps {
  rule: Rule;
  index: number;
  count: number;
  /** Messages it dropped; null when it does not drop. */
  dropped: number | null;
  busy: boolean;
  summary: SummaryContext;
  /** Where a dragged rule would land, to mark the spot. */
  dropTarget: boolean;
  onToggle(enabled: boolean): void;
  onMove(to: number): void;
  onEdit(): void;
  onDelete(): void;
  onDragStart(): void;
  onDragOver(): void;
  onDrop(): void;
  onDragEnd(): void;
}

export function RuleItem(props: RuleItemProps) {
  const { rule, index, count, dropped, busy, summary, dropTarget } = props;
  const [confirming, setConfirming] = useState(false);
  const t = useT();
  const name = rule.name;
  const position = index + 1;
  const classes = ['rule-item', rule.enabled ? '' : 'disabled', dropTarget ? 'drop-target' : '']
    .filter(Boolean)
    .join(' ');

  function dragOver(event: DragEvent) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    props.onDragOver();
  }

  return (
    <li
      className={classes}
      data-testid="rule-item"
      aria-label={rule.name}
      draggable={!busy}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', rule.name);
        props.onDragStart();
      }}
      onDragOver={dragOver}
      onDrop={(event) => {
        event.preventDefault();
        props.onDrop();
      }}
      onDragEnd={props.onDragEnd}
    >
      <span className="drag-handle" aria-hidden="true" title={t('rule.drag')}>
        ⋮⋮
      </span>
      <span className="rule-position" aria-hidden="true">
        {position}
      </span>
      <div className="rule-main">
        <div className="rule-name">
          {rule.name}
          {rule.temporary && <span className="badge">{t('rule.temporary')}</span>}
          {!rule.enabled && <span className="badge">{t('rule.off')}</span>}
          {dropped !== null && (
            <span className="badge drop-count" data-testid="drop-count">
              {t('rule.dropped', { count: dropped.toLocaleString() })}
            </span>
          )}
        </div>
        <div className="rule-summary" data-testid="rule-summary">
          {ruleSummary(rule, { ...summary, t })}
        </div>
      </div>
      <label className="switch" title={rule.enabled ? t('rule.onTitle') : t('rule.offTitle')}>
        <input
          type="checkbox"
          role="switch"
          checked={rule.enabled}
          disabled={busy}
          aria-label={t('rule.enabled', { name })}
          onChange={(event) => props.onToggle(event.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
      </label>
      <div className="rule-actions">
        <button
          type="button"
          className="icon"
          disabled={busy || index === 0}
          aria-label={t('rule.moveUp', { name })}
          onClick={() => props.onMove(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon"
          disabled={busy || index === count - 1}
          aria-label={t('rule.moveDown', { name })}
          onClick={() => props.onMove(index + 1)}
        >
          ↓
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" disabled={busy} onClick={props.onDelete}>
              {t('rule.deleteNamed', { name })}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('rule.keep')}
            </button>
          </>
        ) : (
          <>
            <button type="button" disabled={busy} onClick={props.onEdit} aria-label={t('rule.editNamed', { name })}>
              {t('rule.edit')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => setConfirming(true)}
              aria-label={t('rule.deleteAsk', { name })}
            >
              {t('rule.delete')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
