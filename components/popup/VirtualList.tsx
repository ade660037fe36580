import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { anchoredScrollTop, scrollToShow, windowRange } from '../../lib/ui/window';
import { useFirstPaintDone } from './first-paint';

/** Where the reader was in a list: kept by the parent, so coming back from a room lands there. */
export interface ListMemory {
  scrollTop: number;
  activeKey?: string;
}

interface Props<T> {
  id: string;
  items: readonly T[];
  /** The list's length when `items` is only its head, for the scrollbar and screen readers. */
  total?: number;
  keyOf: (item: T) => string;
  rowHeight: number;
  label: string;
  renderRow: (item: T) => ComponentChildren;
  onOpen: (item: T) => void;
  memory: ListMemory;
  /** Put the focus on the active row once mounted (back from a room). */
  focusOnMount?: boolean;
  overscan?: number;
  /** A key of the row's own (a shortcut): true when it was handled. */
  onRowKey?: (item: T, event: KeyboardEvent) => boolean;
  /** The context menu (right click, the menu key, Shift+F10) on a row. */
  onRowMenu?: (item: T, row: HTMLElement) => void;
  /** Said of every row: the shortcuts it takes (`aria-keyshortcuts`). */
  rowShortcuts?: string;
  /** What the list's own keys do beyond moving and opening, for screen readers. */
  describedBy?: string;
}

/**
 * A listbox that renders only the rows in view (plus `overscan`), all of one height, so 500
 * rooms scroll like 15. One row is the tab stop (roving tabindex): arrows (or j/k, as in the
 * mail readers members know), Home/End and PageUp/PageDown move it, Enter or Space opens it. The focused row is rendered even when
 * scrolled away, so a live update never drops the focus; when rows move above what the reader
 * looks at, the scroll follows them (see anchoredScrollTop).
 */
export function VirtualList<T>({ id, items, total = items.length, keyOf, rowHeight, label, renderRow, onOpen, memory, focusOnMount, overscan = 4, onRowKey, onRowMenu, rowShortcuts, describedBy }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  // Re-render when the first visible row changes, not on every scrolled pixel; the exact
  // offset lives in `memory`.
  const [firstRow, setFirstRow] = useState(Math.floor(memory.scrollTop / rowHeight));
  // The height in a ref, the rows it holds as state: a resize that shows as many rows (the
  // first frame's, against the guess) renders nothing again.
  const viewport = useRef(0);
  const [rowsInView, setRowsInView] = useState(GUESSED_ROWS);
  const [activeKey, setActiveKey] = useState(memory.activeKey);
  const focusNext = useRef(!!focusOnMount);
  const previous = useRef(items);
  // The first screen paints only the rows in view; the overscan follows a frame later.
  const painted = useFirstPaintDone();

  let active = activeKey === undefined ? -1 : items.findIndex((item) => keyOf(item) === activeKey);
  if (active < 0 && items.length) active = 0;
  const activeItem = items[active];
  const tabStop = activeItem === undefined ? undefined : keyOf(activeItem);
  memory.activeKey = tabStop;

  const scrolled = (top: number) => {
    memory.scrollTop = top;
    setFirstRow(Math.floor(top / rowHeight));
  };
  const scrollTo = (top: number) => {
    const el = ref.current;
    if (el && el.scrollTop !== top) el.scrollTop = top;
    scrolled(top);
  };

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // No height read here: it would lay the page out before its frame does. The observer
    // reports the height within that frame, and the rows guessed until then are the same ones.
    if (memory.scrollTop) el.scrollTop = memory.scrollTop;
    const observer = new ResizeObserver(() => {
      viewport.current = el.clientHeight;
      setRowsInView(Math.ceil(Math.max(viewport.current, rowHeight) / rowHeight));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = items;
    if (before === items || !before.length) return;
    const scrollTop = memory.scrollTop;
    const first = Math.min(before.length - 1, Math.floor(scrollTop / rowHeight));
    const anchor = before[first];
    if (!anchor) return;
    const key = keyOf(anchor);
    const top = anchoredScrollTop(scrollTop, rowHeight, { key, index: first }, items.findIndex((item) => keyOf(item) === key));
    if (top !== scrollTop) scrollTo(top);
  }, [items]);

  useLayoutEffect(() => {
    if (!focusNext.current || tabStop === undefined) return;
    focusNext.current = false;
    document.getElementById(rowId(id, tabStop))?.focus({ preventScroll: true });
  });

  const move = (index: number) => {
    const target = items[Math.max(0, Math.min(items.length - 1, index))];
    if (target === undefined) return;
    const next = items.indexOf(target);
    setActiveKey(keyOf(target));
    focusNext.current = true;
    scrollTo(scrollToShow(next, ref.current?.scrollTop ?? memory.scrollTop, viewport.current, rowHeight));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor(viewport.current / rowHeight) - 1);
    if (activeItem !== undefined && onRowKey?.(activeItem, event)) {
      event.preventDefault();
      return;
    }
    const down = () => move(active + 1);
    const up = () => move(active - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: down,
      j: down,
      ArrowUp: up,
      k: up,
      Home: () => move(0),
      End: () => move(items.length - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Enter: () => activeItem !== undefined && onOpen(activeItem),
      ' ': () => activeItem !== undefined && onOpen(activeItem),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const range = windowRange(firstRow * rowHeight, rowsInView * rowHeight, rowHeight, items.length, painted ? overscan : 0);
  const shown: number[] = [];
  for (let i = range.start; i < range.end; i++) shown.push(i);
  if (active >= 0 && (active < range.start || active >= range.end)) shown.push(active);

  return (
    <div
      ref={ref}
      id={id}
      class="vlist"
      role="listbox"
      aria-label={label}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onScroll={(event) => scrolled(event.currentTarget.scrollTop)}
    >
      <div class="vlist-track" style={{ height: `${total * rowHeight}px` }}>
        {shown.map((index) => {
          const item = items[index]!;
          const key = keyOf(item);
          const isActive = key === tabStop;
          return (
            <div
              key={key}
              id={rowId(id, key)}
              class="vlist-row"
              role="option"
              aria-selected={isActive}
              aria-posinset={index + 1}
              aria-setsize={total}
              tabIndex={isActive ? 0 : -1}
              aria-keyshortcuts={rowShortcuts}
              style={{ transform: `translateY(${index * rowHeight}px)`, height: `${rowHeight}px` }}
              onFocus={() => setActiveKey(key)}
              onClick={() => {
                setActiveKey(key);
                onOpen(item);
              }}
              onContextMenu={onRowMenu && ((event) => {
                event.preventDefault();
                setActiveKey(key);
                onRowMenu(item, event.currentTarget);
              })}
            >
              {renderRow(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Rows rendered before the list's height is known: a 600 px popup's list holds 8. */
const GUESSED_ROWS = 8;

function rowId(list: string, key: string): string {
  return `${list}-row-${key}`;
}
