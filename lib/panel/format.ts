/** Display formatting shared by the panel's views. */
import type { Outcome } from '../session/pairing';

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
