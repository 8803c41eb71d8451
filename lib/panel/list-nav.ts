/**
 * Virtual scrolling and keyboard movement for the timeline: only the rows in view (plus a
 * few either side) are rendered, so 10,000 rows cost as much as 50.
 */

/** Fixed row height (CSS px) so the list is virtualised by arithmetic. */
export const ROW_HEIGHT = 22;
/** The sticky column header above the rows. */
export const HEADER_HEIGHT = 24;

export interface VisibleRange {
  /** First rendered index (inclusive). */
  first: number;
  /** Last rendered index (exclusive). */
  last: number;
}

export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): VisibleRange {
  if (count === 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan);
  return { first: Math.min(first, count), last: Math.max(last, Math.min(first, count)) };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}

/** Where ↑ ↓ Home End PageUp PageDown move the active row; null for other keys. */
export function moveIndex(key: string, index: number, count: number, pageSize: number): number | null {
  if (count === 0) return null;
  const page = Math.max(1, pageSize - 1);
  const from = index < 0 ? -1 : Math.min(index, count - 1);
  let next: number;
  switch (key) {
    case 'ArrowDown':
      next = from + 1;
      break;
    case 'ArrowUp':
      next = from < 0 ? count - 1 : from - 1;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    case 'PageDown':
      next = from + page;
      break;
    case 'PageUp':
      next = from - page;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(count - 1, next));
}
