import { useEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { PanelRow } from '../../lib/panel/rows';
import { correlationQuery, findByCorrelationId } from '../../lib/report/correlation';

interface Options {
  /** The search box's text. */
  text: string;
  /** The rows the timeline shows, in order. */
  rows: readonly PanelRow[];
  /** Select and reveal the row. */
  onJump(key: string): void;
  /** Put pasted text into the search box. */
  setText(text: string): void;
  searchRef?: RefObject<HTMLInputElement | null>;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable === true;
}

/**
 * Find by correlation ID: when the search text is (part of) a call's `lean_correlation_id`,
 * that call is selected and scrolled into view, once per search text. A correlation ID pasted
 * anywhere in the panel (focus outside a text field) goes into the search box.
 */
export function useCorrelationJump({ text, rows, onJump, setText, searchRef }: Options): void {
  const jumped = useRef<string | null>(null);
  const jump = useRef(onJump);
  jump.current = onJump;
  const put = useRef(setText);
  put.current = setText;

  useEffect(() => {
    const match = findByCorrelationId(rows, text, (r) => (r.kind === 'call' ? r.row : null), (r) => r.key);
    if (!match) {
      if (correlationQuery(text) === null) jumped.current = null;
      return;
    }
    const done = `${text}\u0000${match.key}`;
    if (jumped.current === done) return;
    jumped.current = done;
    jump.current(match.key);
  }, [text, rows]);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const pasted = event.clipboardData?.getData('text/plain') ?? '';
      if (correlationQuery(pasted) === null) return;
      event.preventDefault();
      put.current(pasted.trim());
      searchRef?.current?.focus();
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);
}
