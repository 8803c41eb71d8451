import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Ref } from 'preact';
import type { PanelRow } from '../../lib/panel/rows';
import type { TimeAxis } from '../../lib/panel/time-axis';
import { axisTicks } from '../../lib/panel/time-axis';
import { HEADER_HEIGHT, moveIndex, ROW_HEIGHT, scrollToReveal, visibleRange } from '../../lib/panel/list-nav';
import { TimelineRow } from './TimelineRow';

/** Viewport assumed before the first measurement (and in DOMs without layout). */
const DEFAULT_VIEWPORT = 600;

interface Props {
  rows: readonly PanelRow[];
  axis: TimeAxis;
  now(): number;
  activeKey: string | null;
  selectedKey: string | null;
  onActivate(key: string): void;
  onOpen(key: string): void;
  listRef?: Ref<HTMLDivElement>;
}

/**
 * The session as a waterfall: one row per call (its callback's duration as a bar on a
 * shared time axis), one per other event, navigation markers between documents. Only the
 * rows in view are in the DOM. The list is one focus stop (a listbox): ↑/↓, Home/End and
 * PageUp/PageDown move the active row, Enter opens it.
 */
export function Timeline({ rows, axis, now, activeKey, selectedKey, onActivate, onOpen, listRef }: Props) {
  const ownRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(DEFAULT_VIEWPORT);
  const atBottom = useRef(true);
  const count = rows.length;

  const setRefs = (el: HTMLDivElement | null) => {
    ownRef.current = el;
    if (typeof listRef === 'function') listRef(el);
    else if (listRef) listRef.current = el;
  };

  useEffect(() => {
    const el = ownRef.current;
    if (!el) return;
    const measure = () => setViewport(Math.max(0, el.clientHeight - HEADER_HEIGHT) || DEFAULT_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Follow new rows while scrolled to the end, like the Console.
  useLayoutEffect(() => {
    const el = ownRef.current;
    if (!el || !atBottom.current) return;
    const bottom = count * ROW_HEIGHT - viewport;
    if (bottom > el.scrollTop) {
      el.scrollTop = bottom;
      setScrollTop(el.scrollTop);
    }
  }, [count]);

  const onScroll = () => {
    const el = ownRef.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    atBottom.current = el.scrollTop + viewport >= count * ROW_HEIGHT - ROW_HEIGHT;
  };

  const reveal = (index: number) => {
    const el = ownRef.current;
    if (!el) return;
    const top = scrollToReveal(index, el.scrollTop, viewport, ROW_HEIGHT);
    if (top !== null) {
      el.scrollTop = top;
      setScrollTop(top);
    }
  };

  const activeIndex = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);

  // Keep the active row in view when it changes from outside (a click, a filter).
  useLayoutEffect(() => {
    if (activeIndex >= 0) reveal(activeIndex);
  }, [activeKey]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter' || event.key === ' ') {
      if (activeIndex >= 0) {
        event.preventDefault();
        onOpen(rows[activeIndex]!.key);
      }
      return;
    }
    const next = moveIndex(event.key, activeIndex, count, Math.floor(viewport / ROW_HEIGHT));
    if (next === null) return;
    event.preventDefault();
    reveal(next);
    onActivate(rows[next]!.key);
  };

  // The browser clamps scrollTop when rows go away (a filter); do the same before the scroll event.
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, count * ROW_HEIGHT - viewport));
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
        selected={row.key === selectedKey}
        onClick={(key) => {
          onActivate(key);
          onOpen(key);
          ownRef.current?.focus({ preventScroll: true });
        }}
      />,
    );
  }

  return (
    <div
      ref={setRefs}
      class="timeline"
      role="listbox"
      tabIndex={0}
      aria-label={`Lean SDK timeline, ${count} row${count === 1 ? '' : 's'}`}
      aria-activedescendant={activeIndex >= first && activeIndex < last ? `lean-row-${activeIndex}` : undefined}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div class="timeline-head" aria-hidden="true" style={{ height: `${HEADER_HEIGHT}px` }}>
        <span class="cell sev" />
        <span class="cell time">Time</span>
        <span class="cell method">Method</span>
        <span class="cell outcome">Outcome</span>
        <span class="cell duration">Duration</span>
        <span class="cell correlation">Correlation ID</span>
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
