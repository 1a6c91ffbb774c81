// The list's bulk selection as React state (the rules are in selection.ts): kept to the rows still listed, with
// the messages the actions apply to (the selection, or the open message when nothing is selected).
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MessageSummary } from '../../shared/model.ts';
import {
  EMPTY_SELECTION,
  actionTargets,
  cursorOf,
  keepListed,
  nextSelection,
  type SelectMode,
  type Selection,
} from './selection.ts';

export interface SelectionHandle {
  selection: Selection;
  /** Applies a click or key in `mode` to the row `id`. */
  choose(id: number, mode: SelectMode): void;
  clear(): void;
  /** The messages the actions apply to. */
  targets: MessageSummary[];
  /** True when rows are selected (the actions apply to them, not to the open message). */
  bulk: boolean;
  /** The row the keyboard is on. */
  cursorId: number | null;
}

export function useSelection(rows: readonly MessageSummary[], openId: number | null): SelectionHandle {
  const [stored, setStored] = useState<Selection>(EMPTY_SELECTION);
  const order = useMemo(() => rows.map((row) => row.id), [rows]);
  const selection = useMemo(() => keepListed(stored, order), [stored, order]);
  // choose() is stable; it reads the order as it is when a click arrives.
  const orderRef = useRef(order);
  orderRef.current = order;
  const choose = useCallback(
    (id: number, mode: SelectMode) => setStored((current) => nextSelection(current, orderRef.current, id, mode)),
    [],
  );
  const clear = useCallback(() => setStored(EMPTY_SELECTION), []);
  const targets = useMemo(() => {
    const ids = new Set(actionTargets(selection, openId));
    return rows.filter((row) => ids.has(row.id));
  }, [rows, selection, openId]);
  return {
    selection,
    choose,
    clear,
    targets,
    bulk: selection.ids.size > 0,
    cursorId: cursorOf(selection, openId),
  };
}
