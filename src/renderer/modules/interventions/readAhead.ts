/** Which rows the interventions grid reads beyond the block ag-grid asks for (pure: block numbers and row counts). */

export interface Span {
  offset: number;
  limit: number;
}

/**
 * The rows of block [start, end) and of the neighbouring block the rendered rows (`first`…`last`) also reach into:
 * one read for a screen that straddles two blocks. Undefined when the screen lies within the block.
 */
export function screenSpan(start: number, end: number, first: number, last: number, total: number, block: number): Span | undefined {
  if (first < 0 || last < first || last < start || first >= end) return undefined;
  const from = first < start ? Math.max(0, start - block) : start;
  const to = Math.min(total, last >= end ? end + block : end);
  return from === start && to <= end ? undefined : { offset: from, limit: to - from };
}

/** The blocks just below and above [start, end) that exist in a list of `total` rows: the next first (Page Down). */
export function aheadOf(start: number, end: number, total: number, block: number): Span[] {
  const out: Span[] = [];
  if (end < total) out.push({ offset: end, limit: Math.min(block, total - end) });
  if (start > 0) out.push({ offset: Math.max(0, start - block), limit: Math.min(block, start) });
  return out;
}

/** Whether the block [start, end) holds any of the rendered rows (`first`…`last`): only those read ahead. */
export function shown(start: number, end: number, first: number, last: number): boolean {
  return first >= 0 && last >= first && first < end && last >= start;
}

/**
 * The blocks a scroll position will show, worked out from the scrollbar alone (`scrollTop` of `scrollHeight`, the
 * viewport `clientHeight` tall), before the grid has drawn anything there: the rows are asked for at the scroll event,
 * while the grid is still drawing its empty rows. Proportional, as the grid maps a list taller than the browser
 * allows onto its scrollbar; a row or two either side covers rounding. Undefined for an empty list.
 */
export function blocksAtScroll(scrollTop: number, scrollHeight: number, clientHeight: number, rowHeight: number, total: number, block: number): Span | undefined {
  if (total <= 0 || rowHeight <= 0) return undefined;
  const rows = Math.ceil(clientHeight / rowHeight);
  const f = Math.min(1, Math.max(0, scrollTop / Math.max(1, scrollHeight - clientHeight)));
  const first = Math.round(f * Math.max(0, total - rows));
  const from = Math.floor(Math.max(0, first - 2) / block) * block;
  const to = Math.min(total, Math.ceil(Math.min(total, first + rows + 2) / block) * block);
  return { offset: from, limit: to - from };
}
