import { describe, expect, it } from 'vitest';
import { fittingCount } from './overflow';

describe('fittingCount', () => {
  it('keeps every item when the row holds them with their gaps', () => {
    expect(fittingCount([50, 60, 70], 50 + 60 + 70 + 2 * 4, 4)).toBe(3);
  });

  it('folds from the end, counting the gaps between kept items only', () => {
    expect(fittingCount([50, 60, 70], 50 + 60 + 4, 4)).toBe(2);
    expect(fittingCount([50, 60, 70], 50 + 60 + 3, 4)).toBe(1);
  });

  it('never keeps a later item after one that did not fit', () => {
    expect(fittingCount([50, 300, 10], 100, 4)).toBe(1);
  });

  it('keeps nothing in no room, and everything of an empty row', () => {
    expect(fittingCount([50], 0, 4)).toBe(0);
    expect(fittingCount([], 0, 4)).toBe(0);
  });

  it('forgives half a pixel of rounding', () => {
    expect(fittingCount([50.4, 50.4], 104.5, 4)).toBe(2);
  });
});
