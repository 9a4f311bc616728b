import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { STATUS_HEX } from '../modules/interventions/model';
import { contrastRatio, cssVariablesResolver, readableOn, theme } from './theme';

/** The theme's colours against WCAG AA (4.5:1 for normal text), as axe measures them in the browser tests. */
const full = mergeMantineTheme(DEFAULT_THEME, theme);
const vars = cssVariablesResolver(full);
const AA = 4.5;

describe('theme colours', () => {
  it('computes the WCAG ratio (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#4c6ef5', '#4c6ef5')).toBeCloseTo(1, 5);
  });

  it('white on the primary filled colour (buttons) and the primary colour as text read 4.5:1', () => {
    const primary = full.colors.indigo[full.primaryShade as number]!;
    expect(contrastRatio('#ffffff', primary)).toBeGreaterThanOrEqual(AA);
  });

  it('dimmed text reads 4.5:1 on white, striped rows and the indigo selection', () => {
    const dimmed = vars.light['--mantine-color-dimmed']!;
    for (const bg of ['#ffffff', full.colors.gray[0], full.colors.indigo[1]]) expect(contrastRatio(dimmed, bg)).toBeGreaterThanOrEqual(AA);
  });

  it("every palette's light-variant text reads 4.5:1 on its background and on its hover shade", () => {
    for (const [name, shades] of Object.entries(full.colors)) {
      if (name === 'dark') continue;
      const text = vars.light[`--mantine-color-${name}-light-color`] ?? shades[9];
      expect(contrastRatio(text, shades[1]), name).toBeGreaterThanOrEqual(AA);
      expect(contrastRatio(text, shades[2]), name).toBeGreaterThanOrEqual(AA);
    }
  });

  it('white text on every calendar event colour reads 4.5:1', () => {
    for (const [status, hex] of Object.entries(STATUS_HEX)) expect(contrastRatio('#ffffff', hex), status).toBeGreaterThanOrEqual(AA);
  });

  it('keeps a colour that already reads well, darkens one that does not', () => {
    expect(readableOn('#000000', '#ffffff')).toBe('#000000');
    const fixed = readableOn('#fab005', '#ffffff');
    expect(fixed).not.toBe('#fab005');
    expect(contrastRatio(fixed, '#ffffff')).toBeGreaterThanOrEqual(AA);
  });
});
