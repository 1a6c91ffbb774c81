// Bulk selection in the list, as pure functions: ctrl/cmd-click or space toggles a row, shift-click or
// shift+arrows select the run from the anchor (the last row toggled or opened) to the row, a plain click opens a
// row and clears the selection. Actions apply to the selection, or to the open message when nothing is selected.

export type SelectMode = 'open' | 'toggle' | 'range';

export interface Selection {
  ids: ReadonlySet<number>;
  /** Where a range starts. */
  anchor: number | null;
  /** The row last toggled or reached with shift: where the keyboard goes on from while rows are selected. */
  lead: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, lead: null };

/** The mode a click (or key) with these modifiers asks for. */
export function modeOf(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectMode {
  if (event.shiftKey) return 'range';
  return event.ctrlKey || event.metaKey ? 'toggle' : 'open';
}

/** The selection after choosing `id` in `mode`; `order` is the ids as the list shows them. */
export function nextSelection(current: Selection, order: readonly number[], id: number, mode: SelectMode): Selection {
  if (mode === 'open') return { ids: new Set(), anchor: id, lead: null };
  if (mode === 'toggle') {
    const ids = new Set(current.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id, lead: id };
  }
  const anchor = current.anchor ?? id;
  const from = order.indexOf(anchor);
  const to = order.indexOf(id);
  if (from === -1 || to === -1) return { ids: new Set([id]), anchor: id, lead: id };
  const [low, high] = from <= to ? [from, to] : [to, from];
  return { ids: new Set(order.slice(low, high + 1)), anchor, lead: id };
}

/** Drops ids that are no longer listed (deleted, or filtered out by a new query). */
export function keepListed(current: Selection, order: readonly number[]): Selection {
  if (current.ids.size === 0) return current;
  const listed = new Set(order);
  const ids = [...current.ids].filter((id) => listed.has(id));
  return ids.length === current.ids.size ? current : { ...current, ids: new Set(ids) };
}

/** The row the keyboard is on: the lead of a selection, else the open message. */
export function cursorOf(selection: Selection, openId: number | null): number | null {
  return selection.ids.size > 0 && selection.lead !== null ? selection.lead : openId;
}

/** What an action applies to: the selection, else the open message. */
export function actionTargets(selection: Selection, openId: number | null): number[] {
  if (selection.ids.size > 0) return [...selection.ids];
  return openId === null ? [] : [openId];
}
