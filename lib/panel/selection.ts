/**
 * The timeline's selection, as in a file list: a click selects one row, Ctrl/⌘ adds or
 * removes one, Shift selects from the anchor (the last row clicked without Shift) to here.
 */

/** `only`: this row alone; `toggle`: add or remove it; `range`: from the anchor to it. */
export type SelectMode = 'only' | 'toggle' | 'range';

export interface Selection {
  keys: ReadonlySet<string>;
  /** Where a Shift range starts. */
  anchor: string | null;
}

export const NO_SELECTION: Selection = { keys: new Set(), anchor: null };

/** `order`: the keys of the rows shown, in order (a range spans the shown rows only). */
export function select(selection: Selection, key: string, mode: SelectMode, order: readonly string[]): Selection {
  if (mode === 'toggle') {
    const keys = new Set(selection.keys);
    if (keys.has(key)) keys.delete(key);
    else keys.add(key);
    return { keys, anchor: key };
  }
  if (mode === 'range' && selection.anchor !== null) {
    const from = order.indexOf(selection.anchor);
    const to = order.indexOf(key);
    if (from >= 0 && to >= 0) {
      const [lo, hi] = from <= to ? [from, to] : [to, from];
      return { keys: new Set(order.slice(lo, hi + 1)), anchor: selection.anchor };
    }
  }
  return { keys: new Set([key]), anchor: key };
}

/** The selected keys in the order of `order` (the session's), for reports. */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  return order.filter((key) => selection.keys.has(key));
}
