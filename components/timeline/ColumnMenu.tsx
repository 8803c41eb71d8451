import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { COLUMNS, toggleColumn } from '../../lib/panel/columns';
import type { ColumnId } from '../../lib/panel/columns';
import './column-menu.css';

interface Props {
  shown: readonly ColumnId[];
  onChange(columns: ColumnId[]): void;
  /** Where the menu is open: under its button, at the pointer (a right-click on the header), or closed. */
  open: 'button' | { x: number; y: number } | null;
  onOpenChange(open: 'button' | null): void;
}

/**
 * The timeline's column menu, as in the Network panel: a button (and a right-click on the
 * column header) opens a list of optional columns to show or hide. Keyboard: ↑/↓ move,
 * Enter/Space toggle, Esc or Tab closes and returns to the button.
 */
export function ColumnMenu({ shown, onChange, open, onOpenChange }: Props) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  // Focus moves into the menu as it appears, before any key pressed next can reach the list.
  useLayoutEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role=menuitemcheckbox]')?.focus();
  }, [open !== null]);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && (menuRef.current?.contains(target) || buttonRef.current?.contains(target))) return;
      onOpenChange(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open !== null]);

  const close = () => {
    onOpenChange(null);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role=menuitemcheckbox]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items[next]?.focus();
    }
  };

  const position = open !== null && open !== 'button' ? { position: 'fixed', left: `${open.x}px`, top: `${open.y}px` } : undefined;
  return (
    <span class="column-menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        id="columns-button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        title="Show or hide columns (also: right-click the column header)"
        onClick={() => onOpenChange(open ? null : 'button')}
      >
        Columns ▾
      </button>
      {open && (
        <div ref={menuRef} class="column-menu" id="column-menu" role="menu" aria-label="Columns" style={position} onKeyDown={onKeyDown}>
          {COLUMNS.map((column) => {
            const checked = shown.includes(column.id);
            return (
              <button
                key={column.id}
                type="button"
                role="menuitemcheckbox"
                aria-checked={checked}
                data-column={column.id}
                class="column-menu-item"
                onClick={() => onChange(toggleColumn(shown, column.id))}
              >
                <span class="check" aria-hidden="true">
                  {checked ? '✓' : ''}
                </span>
                {column.label}
              </button>
            );
          })}
        </div>
      )}
    </span>
  );
}
