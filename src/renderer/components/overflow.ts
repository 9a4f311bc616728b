/**
 * How many items of a row fit in `room` pixels, `gap` apart: always a leading run, so what does not fit moves to
 * the overflow menu from the end, in order. A row that holds everything needs no room for the menu's button.
 */
export function fittingCount(widths: readonly number[], room: number, gap: number): number {
  let used = 0;
  for (let i = 0; i < widths.length; i++) {
    used += widths[i]! + (i ? gap : 0);
    // Half a pixel of rounding is not a reason to fold a button away.
    if (used > room + 0.5) return i;
  }
  return widths.length;
}
