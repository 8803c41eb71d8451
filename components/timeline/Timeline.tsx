import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Ref } from 'preact';
import type { PanelRow } from '../../lib/panel/rows';
import type { TimeAxis } from '../../lib/panel/time-axis';
import { axisTicks } from '../../lib/panel/time-axis';
import { HEADER_HEIGHT, moveIndex, ROW_HEIGHT, scrollToReveal, visibleRange } from '../../lib/panel/list-nav';
import type { ColumnSpec } from '../../lib/panel/columns';
import type { SelectMode } from '../../lib/panel/selection';
import { TimelineRow } from './TimelineRow';
import './timeline.css';

/** Viewport assumed before the first measurement (and in DOMs without layout). */
const DEFAULT_VIEWPORT = 600;

interface Props {
  rows: readonly PanelRow[];
  axis: TimeAxis;
  now(): number;
  activeKey: string | null;
  /** The selected rows (one when a row is opened; more with Shift or Ctrl/⌘). */
  selectedKeys: ReadonlySet<string>;
  /** The optional columns shown. */
  columns: readonly ColumnSpec[];
  onActivate(key: string): void;
  onSelect(key: string, mode: SelectMode): void;
  onOpen(key: string): void;
  /** Right-click on the column header: the column menu, at the pointer. */
  onHeaderMenu?(at: { x: number; y: number }): void;
  listRef?: Ref<HTMLDivElement>;
}

/**
 * The session as a waterfall: one row per call (its callback's duration as a bar on a
 * shared time axis), one per other event, navigation markers between documents. Only the
 * rows in view are in the DOM. The list is one focus stop (a listbox): ↑/↓, Home/End and
 * PageUp/PageDown move the active row, Enter opens it; Shift+↑/↓ extends the selection and
 * Ctrl/⌘+Space adds or removes the active row, as Shift- and Ctrl/⌘-click do.
 */
export function Timeline({ rows, axis, now, activeKey, selectedKeys, columns, onActivate, onSelect, onOpen, onHeaderMenu, listRef }: Props) {
  const ownRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(DEFAULT_VIEWPORT);
  /** Scrolled to the end: new rows scroll into view. */
  const [follow, setFollow] = useState(true);
  const count = rows.length;

  const setRefs = (el: HTMLDivElement | null) => {
    ownRef.current = el;
    if (typeof listRef === 'function') listRef(el);
    else if (listRef) listRef.current = el;
  };

  const measure = (el: HTMLDivElement) => Math.max(0, el.clientHeight - HEADER_HEIGHT) || DEFAULT_VIEWPORT;

  useEffect(() => {
    const el = ownRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(measure(el)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const bottom = Math.max(0, count * ROW_HEIGHT - viewport);
  const atEnd = (top: number) => top + viewport >= count * ROW_HEIGHT - ROW_HEIGHT;

  // Follow new rows while scrolled to the end, like the Console. The rows in view were
  // already rendered from the end (below), so this only moves the scrollbar. The viewport
  // is measured here, before the first paint: a guess corrected after it would render and
  // lay out the rows again, and scroll to the wrong end.
  useLayoutEffect(() => {
    const el = ownRef.current;
    if (!el) return;
    const measured = measure(el);
    if (measured !== viewport) {
      setViewport(measured);
      return;
    }
    if (!follow || bottom <= scrollTop) return;
    el.scrollTop = bottom;
    setScrollTop(bottom);
  }, [count, viewport]);

  const onScroll = () => {
    const el = ownRef.current;
    if (!el) return;
    const current = el.scrollTop;
    setScrollTop(current);
    setFollow(atEnd(current));
  };

  const reveal = (index: number) => {
    const el = ownRef.current;
    if (!el) return;
    const top = scrollToReveal(index, el.scrollTop, viewport, ROW_HEIGHT);
    if (top !== null) {
      el.scrollTop = top;
      setScrollTop(top);
      setFollow(atEnd(top));
    }
  };

  const activeIndex = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);

  // Keep the active row in view when it changes from outside (a click, a filter).
  useLayoutEffect(() => {
    if (activeIndex >= 0) reveal(activeIndex);
  }, [activeKey]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey) return;
    if ((event.ctrlKey || event.metaKey) && event.key === ' ') {
      if (activeIndex >= 0) {
        event.preventDefault();
        onSelect(rows[activeIndex]!.key, 'toggle');
      }
      return;
    }
    if (event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter' || event.key === ' ') {
      if (activeIndex >= 0) {
        event.preventDefault();
        onSelect(rows[activeIndex]!.key, 'only');
        onOpen(rows[activeIndex]!.key);
      }
      return;
    }
    const next = moveIndex(event.key, activeIndex, count, Math.floor(viewport / ROW_HEIGHT));
    if (next === null) return;
    event.preventDefault();
    reveal(next);
    onActivate(rows[next]!.key);
    if (event.shiftKey) onSelect(rows[next]!.key, 'range');
  };

  // Following the end, the rows in view are the last ones (also before the scroll catches
  // up); otherwise clamp as the browser does when rows go away (a filter).
  const top = follow ? bottom : Math.min(Math.max(0, scrollTop), bottom);
  const { first, last } = visibleRange(top, viewport, ROW_HEIGHT, count);
  const ticks = axisTicks(axis, 5);
  const visible: preact.JSX.Element[] = [];
  for (let i = first; i < last; i++) {
    const row = rows[i]!;
    visible.push(
      <TimelineRow
        key={row.key}
        item={row}
        index={i}
        axis={axis}
        now={now}
        active={row.key === activeKey}
        selected={selectedKeys.has(row.key)}
        columns={columns}
        onClick={(key, event) => {
          const mode: SelectMode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only';
          onSelect(key, mode);
          onActivate(key);
          if (mode === 'only') onOpen(key);
          ownRef.current?.focus({ preventScroll: true });
        }}
      />,
    );
  }

  return (
    <div
      ref={setRefs}
      class="timeline"
      style={columns.length ? { '--extra-cols': columns.map(() => 'minmax(70px, 0.8fr)').join(' ') } : undefined}
      role="listbox"
      aria-multiselectable="true"
      tabIndex={0}
      aria-label={`Lean SDK timeline, ${count} row${count === 1 ? '' : 's'}`}
      aria-activedescendant={activeIndex >= first && activeIndex < last ? `lean-row-${activeIndex}` : undefined}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div
        class="timeline-head"
        aria-hidden="true"
        style={{ height: `${HEADER_HEIGHT}px` }}
        onContextMenu={
          onHeaderMenu &&
          ((event: MouseEvent) => {
            event.preventDefault();
            onHeaderMenu({ x: event.clientX, y: event.clientY });
          })
        }
      >
        <span class="cell sev" />
        <span class="cell time">Time</span>
        <span class="cell method">Method</span>
        <span class="cell outcome">Outcome</span>
        <span class="cell duration">Duration</span>
        <span class="cell correlation">Correlation ID</span>
        {columns.map((column) => (
          <span key={column.id} class="cell extra" data-column={column.id}>
            {column.label}
          </span>
        ))}
        <span class="cell waterfall">
          {ticks.map((t) => (
            <span key={t.label} class="tick" style={{ left: `${t.at * 100}%` }}>
              {t.label}
            </span>
          ))}
        </span>
      </div>
      <div class="timeline-canvas" style={{ height: `${count * ROW_HEIGHT}px` }}>
        {visible}
      </div>
    </div>
  );
}
