/** "Did you mean …?" for field names, permission names and enum values. */

/** `customerId` → `customer_id`, `AppToken` → `app_token`, `customer-id` → `customer_id`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    // An underscore before the last capital of a run followed by a lower-case letter; a lookahead,
    // so a long run of capitals is not re-scanned from each of its letters.
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The closest candidate, or null. In order: exact snake_case conversion, same name
 * ignoring case and separators, then the smallest edit distance (≤1 for short names,
 * ≤2 otherwise; ties go to the earlier candidate).
 */
export function suggest(name: string, candidates: readonly string[]): string | null {
  const snake = toSnakeCase(name);
  if (snake !== name && candidates.includes(snake)) return snake;
  const squashed = squash(name);
  const same = candidates.find((c) => c !== name && squash(c) === squashed);
  if (same !== undefined) return same;
  const limit = squashed.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a long name is never compared cell by cell.
    if (candidate === name || Math.abs(snake.length - candidate.length) > limit) continue;
    const distance = editDistance(snake, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `" Did you mean customer_id?"` or "". */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const hit = suggest(name, candidates);
  return hit === null ? '' : ` Did you mean ${hit}?`;
}
