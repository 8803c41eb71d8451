/**
 * The waterfall's shared time axis: every shown row on one scale, like the Network panel.
 * Positions are fractions of the axis (0…1) so the view can use percentages.
 */
import type { PanelRow } from './rows';

export interface TimeAxis {
  /** Epoch ms at the left edge. */
  start: number;
  /** Epoch ms at the right edge (> start). */
  end: number;
}

/** Shortest span the axis shows, so one quick call does not fill the whole width. */
export const MIN_SPAN_MS = 1000;

/** Spans every row; a pending call runs to `now`. `now` is read only when something is pending. */
export function timeAxis(rows: readonly PanelRow[], now: () => number): TimeAxis {
  let start = Infinity;
  let end = -Infinity;
  let pending = false;
  for (const row of rows) {
    if (row.start < start) start = row.start;
    if (row.end === null) pending = true;
    else if (row.end > end) end = row.end;
    if (row.start > end) end = row.start;
  }
  if (start === Infinity) {
    const t = now();
    return { start: t, end: t + MIN_SPAN_MS };
  }
  if (pending) end = Math.max(end, now());
  // A little room on the right so the last bar does not touch the edge.
  const span = Math.max(MIN_SPAN_MS, (end - start) * 1.04);
  return { start, end: start + span };
}

export function fractionAt(axis: TimeAxis, time: number): number {
  const f = (time - axis.start) / (axis.end - axis.start);
  return Math.min(Math.max(f, 0), 1);
}

export interface Bar {
  /** Fraction of the axis where the bar starts. */
  left: number;
  /** Fraction of the axis the bar covers (0 for an instant; the view gives it a minimum width). */
  width: number;
  /** Still waiting: the bar runs to `now`. */
  open: boolean;
}

export function barOf(row: PanelRow, axis: TimeAxis, now: () => number): Bar {
  const left = fractionAt(axis, row.start);
  const open = row.end === null;
  const end = row.end ?? Math.max(row.start, now());
  return { left, width: Math.max(0, fractionAt(axis, end) - left), open };
}

const STEPS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000];

/** A round step that gives at most `maxTicks` ticks over the axis. */
export function tickStep(spanMs: number, maxTicks: number): number {
  const wanted = spanMs / Math.max(1, maxTicks);
  for (const step of STEPS_MS) if (step >= wanted) return step;
  return Math.ceil(wanted / 3_600_000) * 3_600_000;
}

/** `250 ms`, `1.5 s`, `2 min`, `1 h 5 min`: relative times on the axis. */
export function formatOffset(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))} s`;
  if (ms < 3_600_000) {
    const min = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${min} min ${s} s` : `${min} min`;
  }
  const h = Math.floor(ms / 3_600_000);
  const min = Math.round((ms % 3_600_000) / 60_000);
  return min ? `${h} h ${min} min` : `${h} h`;
}

export interface Tick {
  at: number;
  label: string;
}

/** Ticks at round offsets from the axis start; 0 and ticks too close to the right edge for a label are left out. */
export function axisTicks(axis: TimeAxis, maxTicks = 5): Tick[] {
  const span = axis.end - axis.start;
  const step = tickStep(span, maxTicks);
  const ticks: Tick[] = [];
  for (let t = step; t / span <= 0.92; t += step) ticks.push({ at: t / span, label: formatOffset(t) });
  return ticks;
}
