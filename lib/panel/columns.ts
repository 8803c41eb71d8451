/**
 * The timeline's optional columns (the Network panel's column menu): callback fields a
 * support engineer reads first (SDK reference §1, callback fields) and where a call ran.
 * Each value is one line of page text, read from the call's last callback or its config.
 */
import { field } from '../model/pairing';
import type { CallRow } from '../model/pairing';
import type { Snapshot } from '../model/types';
import { truthy } from '../rules/values';

export type ColumnId = 'exit_point' | 'last_api_response' | 'bank' | 'environment' | 'frame';

export interface ColumnSpec {
  id: ColumnId;
  /** Header and menu text. */
  label: string;
  value(row: CallRow): string;
}

/** Longest value a cell holds: the cell ellipsises long before, the title shows the rest. */
export const MAX_CELL_TEXT = 200;

function text(value: Snapshot | undefined): string {
  if (typeof value === 'string') return value.slice(0, MAX_CELL_TEXT);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

const lastData = (row: CallRow): Snapshot | undefined => row.callbacks[row.callbacks.length - 1]?.data;

/** `sandbox` as the SDK reads it, by truthiness (as the status strip counts it). */
function environment(config: Snapshot): string {
  return truthy(field(config, 'sandbox')) ? 'sandbox' : 'production';
}

/** Host and path: what tells two frames apart without the query (already redacted by the hook). */
function frame(url: string): string {
  try {
    const u = new URL(url);
    return (u.host + u.pathname).slice(0, MAX_CELL_TEXT);
  } catch {
    return url.slice(0, MAX_CELL_TEXT);
  }
}

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'exit_point', label: 'exit_point', value: (row) => text(field(lastData(row), 'exit_point')) },
  { id: 'last_api_response', label: 'last_api_response', value: (row) => text(field(lastData(row), 'last_api_response')) },
  {
    id: 'bank',
    label: 'Bank',
    value: (row) => text(field(field(lastData(row), 'bank'), 'bank_identifier')) || text(field(row.call.config, 'bank_identifier')),
  },
  { id: 'environment', label: 'Environment', value: (row) => environment(row.call.config) },
  { id: 'frame', label: 'Frame', value: (row) => frame(row.call.frameUrl) },
];

export const COLUMN_IDS: readonly ColumnId[] = COLUMNS.map((c) => c.id);

/** The shown columns in the menu's order, whatever order they were turned on in. */
export function shownColumns(ids: readonly ColumnId[]): ColumnSpec[] {
  return COLUMNS.filter((c) => ids.includes(c.id));
}

export function toggleColumn(ids: readonly ColumnId[], id: ColumnId): ColumnId[] {
  return ids.includes(id) ? ids.filter((c) => c !== id) : [...ids, id];
}
