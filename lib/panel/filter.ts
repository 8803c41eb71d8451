/**
 * The filter bar's state and what it shows: text terms, toggles by method, outcome,
 * secondary status and worst finding severity (none selected = all), "preserve log" (off =
 * only rows since the last navigation) and the timeline's optional columns. Kept per panel
 * across reloads in the extension page's localStorage.
 */
import type { Outcome } from '../model/pairing';
import type { Severity } from '../model/types';
import type { PanelModel, PanelRow } from './rows';
import { isNavigation } from './rows';
import { COLUMN_IDS } from './columns';
import type { ColumnId } from './columns';
import { matchesTerms, searchTerms } from './search';

/** A severity toggle: a finding severity, or `none` for calls without findings. */
export type SeverityFilter = Severity | 'none';

export interface PanelFilters {
  text: string;
  methods: string[];
  outcomes: Outcome[];
  /** Secondary statuses (`INVALID_CREDENTIALS`): a call matches when its last callback gave one of them. */
  secondaryStatuses: string[];
  severities: SeverityFilter[];
  preserveLog: boolean;
  /** The timeline's optional columns shown (a view setting, not a filter). */
  columns: ColumnId[];
}

export const OUTCOMES: readonly Outcome[] = ['success', 'error', 'cancelled', 'redirect', 'closed', 'threw', 'pending', 'no-callback'];
export const SEVERITY_FILTERS: readonly SeverityFilter[] = ['error', 'warning', 'info', 'none'];

export const DEFAULT_FILTERS: PanelFilters = Object.freeze({
  text: '',
  methods: [],
  outcomes: [],
  secondaryStatuses: [],
  severities: [],
  preserveLog: true,
  columns: [],
}) as PanelFilters;

/** True when any toggle or the text narrows the rows (preserve log aside). */
export function isFiltering(filters: PanelFilters): boolean {
  return (
    filters.text.trim() !== '' || hasToggles(filters)
  );
}

function hasToggles(filters: PanelFilters): boolean {
  return filters.methods.length > 0 || filters.outcomes.length > 0 || filters.secondaryStatuses.length > 0 || filters.severities.length > 0;
}

/**
 * The rows to show, in order. Navigation rows separate documents: they stay when nothing
 * filters, and otherwise only when some row of their document is shown. Non-call events
 * (loader, SDK, CSP) have no method, outcome or finding, so any toggle hides them.
 */
export function filterRows(model: PanelModel, filters: PanelFilters): PanelRow[] {
  const from = filters.preserveLog ? 0 : Math.max(0, model.lastNavigation);
  const rows = model.rows;
  if (!isFiltering(filters)) return from === 0 ? rows : rows.slice(from);

  const terms = searchTerms(filters.text);
  const methods = filters.methods.length ? new Set(filters.methods) : null;
  const outcomes = filters.outcomes.length ? new Set<Outcome>(filters.outcomes) : null;
  const reasons = filters.secondaryStatuses.length ? new Set(filters.secondaryStatuses) : null;
  const severities = filters.severities.length ? new Set<SeverityFilter>(filters.severities) : null;
  const toggles = hasToggles(filters);

  const out: PanelRow[] = [];
  let pendingNavigation: PanelRow | null = null;
  for (let i = from; i < rows.length; i++) {
    const item = rows[i]!;
    if (isNavigation(item)) {
      pendingNavigation = item;
      continue;
    }
    if (item.kind === 'call') {
      if (methods && !methods.has(item.row.call.method)) continue;
      if (outcomes && !outcomes.has(item.outcome)) continue;
      if (reasons && (item.secondaryStatus === null || !reasons.has(item.secondaryStatus))) continue;
      if (severities && !severities.has(item.severity ?? 'none')) continue;
    } else if (toggles) {
      continue;
    }
    if (!matchesTerms(item, terms)) continue;
    if (pendingNavigation) {
      out.push(pendingNavigation);
      pendingNavigation = null;
    }
    out.push(item);
  }
  return out;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export function toggleMethod(filters: PanelFilters, method: string): PanelFilters {
  return { ...filters, methods: toggle(filters.methods, method) };
}
export function toggleOutcome(filters: PanelFilters, outcome: Outcome): PanelFilters {
  return { ...filters, outcomes: toggle(filters.outcomes, outcome) };
}
export function toggleSecondaryStatus(filters: PanelFilters, status: string): PanelFilters {
  return { ...filters, secondaryStatuses: toggle(filters.secondaryStatuses, status) };
}
export function toggleSeverity(filters: PanelFilters, severity: SeverityFilter): PanelFilters {
  return { ...filters, severities: toggle(filters.severities, severity) };
}

/** Clears text and toggles; keeps preserve log and the columns, which are modes rather than filters. */
export function resetFilters(filters: PanelFilters): PanelFilters {
  return { ...DEFAULT_FILTERS, preserveLog: filters.preserveLog, columns: filters.columns };
}

export const FILTERS_STORAGE_KEY = 'lean-devtools:panel-filters:v1';

const MAX_STORED_TEXT = 500;

/** Reads stored filters, keeping only well-formed parts (the storage may hold anything). */
export function parseFilters(json: string | null): PanelFilters {
  if (!json) return { ...DEFAULT_FILTERS };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ...DEFAULT_FILTERS };
  }
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_FILTERS };
  const v = value as Record<string, unknown>;
  const strings = (x: unknown, allowed?: readonly string[]): string[] =>
    Array.isArray(x)
      ? [...new Set(x.filter((s): s is string => typeof s === 'string' && s.length <= 200 && (!allowed || allowed.includes(s))))].slice(0, 100)
      : [];
  return {
    text: typeof v.text === 'string' ? v.text.slice(0, MAX_STORED_TEXT) : '',
    methods: strings(v.methods),
    outcomes: strings(v.outcomes, OUTCOMES) as Outcome[],
    secondaryStatuses: strings(v.secondaryStatuses),
    severities: strings(v.severities, SEVERITY_FILTERS) as SeverityFilter[],
    preserveLog: typeof v.preserveLog === 'boolean' ? v.preserveLog : true,
    columns: strings(v.columns, COLUMN_IDS) as ColumnId[],
  };
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadFilters(storage: StorageLike | null | undefined): PanelFilters {
  try {
    return parseFilters(storage?.getItem(FILTERS_STORAGE_KEY) ?? null);
  } catch {
    return { ...DEFAULT_FILTERS };
  }
}

export function saveFilters(storage: StorageLike | null | undefined, filters: PanelFilters): void {
  try {
    storage?.setItem(FILTERS_STORAGE_KEY, JSON.stringify(filters));
  } catch {
    // Storage full or unavailable: filters then last for this panel only.
  }
}
