import { createTheme, darken, luminance, type CSSVariablesResolver } from '@mantine/core';

/**
 * Dense ERP look, with colours that reach WCAG AA contrast (4.5:1 for our 11–13 px text) on every surface we draw:
 * white, the striped and hovered rows, the indigo selection.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  // indigo.6 under white button text is 4.3:1; indigo.7 is 5:1 and looks the same at a glance.
  primaryShade: 7,
  // Filled yellow/orange/lime segments and badges get dark text instead of white (1.9:1 on yellow).
  autoContrast: true,
  defaultRadius: 'xs',
  fontSizes: { xs: '11px', sm: '12px', md: '13px', lg: '15px', xl: '18px' },
  components: {
    TextInput: { defaultProps: { size: 'xs' } },
    PasswordInput: { defaultProps: { size: 'xs' } },
    Select: { defaultProps: { size: 'xs' } },
    MultiSelect: { defaultProps: { size: 'xs' } },
    NumberInput: { defaultProps: { size: 'xs' } },
    Textarea: { defaultProps: { size: 'xs' } },
    Button: { defaultProps: { size: 'xs' } },
    Checkbox: { defaultProps: { size: 'xs' } },
  },
});

/** WCAG contrast ratio of two colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color`, darkened just enough (if at all) to read 4.5:1 on `background`. */
export function readableOn(color: string, background: string): string {
  let result = color;
  for (let step = 1; contrastRatio(result, background) < 4.5 && step <= 20; step++) result = darken(color, step * 0.05);
  return result;
}

/**
 * Mantine's "dimmed" (gray.6) is 3.3:1 on white; this gray is still visibly secondary and reads 4.8:1 even on the
 * selected-row indigo.1. The light variant (badges, the active navigation link) writes shade 9 on shade 1, and on
 * shade 2 under the pointer: 4.3:1 for teal, under 4 for green, yellow, orange; each palette's light text is darkened
 * until it reads 4.5:1 on that hover shade, so palettes that already pass keep Mantine's colour.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': '#5c636a' };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name === 'dark' || !shades) continue;
    const readable = readableOn(shades[9], shades[2]);
    if (readable !== shades[9]) light[`--mantine-color-${name}-light-color`] = readable;
  }
  return { variables: {}, light, dark: {} };
};
