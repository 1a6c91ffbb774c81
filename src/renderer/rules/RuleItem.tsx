// One rule in the ordered list: name, what it does in one line, an enabled switch, its drop count, and the
// controls to move (buttons, or drag), edit and delete it.
import { useState, type DragEvent } from 'react';
import type { Rule } from '../../shared/rules/schema.ts';
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
      <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
        ⋮⋮
      </span>
      <span className="rule-position" aria-hidden="true">
        {position}
      </span>
      <div className="rule-main">
        <div className="rule-name">
          {rule.name}
          {rule.temporary && <span className="badge">temporary</span>}
          {!rule.enabled && <span className="badge">off</span>}
          {dropped !== null && (
            <span className="badge drop-count" data-testid="drop-count">
              dropped {dropped.toLocaleString()}
            </span>
          )}
        </div>
        <div className="rule-summary" data-testid="rule-summary">
          {ruleSummary(rule, summary)}
        </div>
      </div>
      <label className="switch" title={rule.enabled ? 'On' : 'Off'}>
        <input
          type="checkbox"
          role="switch"
          checked={rule.enabled}
          disabled={busy}
          aria-label={`${rule.name} enabled`}
          onChange={(event) => props.onToggle(event.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
      </label>
      <div className="rule-actions">
        <button
          type="button"
          className="icon"
          disabled={busy || index === 0}
          aria-label={`Move ${rule.name} up`}
          onClick={() => props.onMove(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon"
          disabled={busy || index === count - 1}
          aria-label={`Move ${rule.name} down`}
          onClick={() => props.onMove(index + 1)}
        >
          ↓
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" disabled={busy} onClick={props.onDelete}>
              Delete {rule.name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" disabled={busy} onClick={props.onEdit} aria-label={`Edit ${rule.name}`}>
              Edit
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => setConfirming(true)}
              aria-label={`Delete ${rule.name}…`}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
