/**
 * Which rows of a fixed-row-height list to render: the visible ones plus `overscan` on each
 * side, so a fast scroll shows rows, not gaps, and 500 rooms cost as much as 15.
 */
export interface WindowRange {
  start: number;
  /** Exclusive. */
  end: number;
}

export function windowRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan: number): WindowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewport, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}

/** The scrollTop that brings row `index` fully into view, or the current one when it already is. */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return scrollTop;
}

/**
 * Keeps what the reader looks at in place when rows move above it (a room jumping to the top
 * on a new message): the scrollTop that puts `anchorKey` where it was. At the very top the list
 * is left alone, so newly active rooms come into view there.
 */
export function anchoredScrollTop(scrollTop: number, rowHeight: number, anchor: { key: string; index: number } | undefined, newIndex: number): number {
  if (!anchor || scrollTop <= 0 || newIndex < 0) return scrollTop;
  return Math.max(0, scrollTop + (newIndex - anchor.index) * rowHeight);
}
