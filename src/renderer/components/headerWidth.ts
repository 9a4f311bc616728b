/**
 * What a grid header needs besides its longest word: the cell's paddings (8 px a side) and the sort arrow with its
 * gap (20 px), which appears only once sorted and must not then push the word apart, plus a pixel of rounding.
 */
export const HEADER_CHROME = 38;

/** The narrowest a column may be so that its header, sorted or not, never breaks inside a word. */
export function headerMinWidth(text: string, measure: (s: string) => number): number {
  const longest = Math.max(0, ...text.split(/\s+/).filter(Boolean).map(measure));
  return Math.ceil(longest) + HEADER_CHROME;
}

/** Measures text as a grid's header draws it (its own font, read from the page; a canvas resolves fonts as the page does). */
export function headerMeasure(grid: Element): (s: string) => number {
  const header = grid.querySelector('.ag-header-cell-text') ?? grid.querySelector('.ag-root-wrapper') ?? grid;
  const style = getComputedStyle(header);
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (s) => s.length * 8;
  // The header's weight where a header is drawn yet; the theme's (500) before that.
  ctx.font = `${header.classList.contains('ag-header-cell-text') ? style.fontWeight : '500'} ${style.fontSize} ${style.fontFamily}`;
  return (s) => ctx.measureText(s).width;
}
