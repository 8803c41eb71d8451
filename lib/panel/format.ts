/** Display formatting shared by the panel's views. */
import type { Outcome } from '../model/pairing';

export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export const OUTCOME_LABEL: Record<Outcome, string> = {
  success: 'success',
  error: 'error',
  cancelled: 'cancelled',
  redirect: 'redirect',
  closed: 'closed',
  threw: 'threw',
  pending: 'pending',
  'no-callback': 'no callback',
};

export interface Callsite {
  /** `demo.js:101`: the file name and line, what a developer looks for. */
  label: string;
  /** The script URL as recorded (tokens already redacted by the hook). */
  url: string;
  line: number;
  column: number | null;
}

/** Reads `url:line:column` (or `url:line`) as recorded by the hook. */
export function parseCallsite(callsite: string | null): Callsite | null {
  if (!callsite) return null;
  const m = /^(.*?):(\d+)(?::(\d+))?$/.exec(callsite);
  if (!m) return { label: callsite, url: callsite, line: 0, column: null };
  const url = m[1]!;
  const line = Number(m[2]);
  let file = url;
  try {
    const path = new URL(url).pathname;
    file = path.slice(path.lastIndexOf('/') + 1) || url;
  } catch {
    file = url.slice(url.lastIndexOf('/') + 1) || url;
  }
  return { label: `${file}:${line}`, url, line, column: m[3] !== undefined ? Number(m[3]) : null };
}

/** One formatter: `toLocaleString` builds a new one per call, which the panel does per row. */
const counts = new Intl.NumberFormat('en-US');

/** `12,345`: counts as the panel shows them. */
export function count(n: number): string {
  return counts.format(n);
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
