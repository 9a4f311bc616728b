import { Liquid, LiquidError } from 'liquidjs';
import { fail } from '../../../api/errors';

/** What one render may cost: the template's length, its time, its memory, and the HTML it may produce. */
export const ANNEX_LIMITS = { parseChars: 60_000, renderMs: 1_000, memory: 20_000_000, outputChars: 400_000 } as const;

/**
 * Liquid as a language that cannot reach anything: templates come from a map that is always empty (no include,
 * render or layout can read a file), only own properties of the data are visible (no `constructor` or prototype),
 * unknown filters are errors, every value is HTML-escaped on output, and parsing, rendering and memory are capped.
 * No filter or tag of ours is registered, so nothing a template says can run code.
 */
function engine(): Liquid {
  return new Liquid({
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    outputEscape: 'escape',
    cache: false,
    parseLimit: ANNEX_LIMITS.parseChars,
    renderLimit: ANNEX_LIMITS.renderMs,
    memoryLimit: ANNEX_LIMITS.memory,
  });
}

let shared: Liquid | null = null;

/** Where in the template Liquid found the fault, as the person reads it (line 1 is the first). */
function lineOf(e: Error): number {
  const m = /line:(\d+)/.exec(e.message);
  return m ? Number(m[1]) : 1;
}

/** The one sentence of Liquid's message that says what is wrong, without its position and source excerpt. */
function detailOf(e: Error): string {
  return (e.message.split('\n')[0] ?? '').replace(/,?\s*line:\d+,\s*col:\d+/, '').slice(0, 200);
}

/** Liquid's own faults (and its limits, some raised as assertions) as a refusal at `field`; anything else is ours. */
function refusal(e: unknown, field: string): unknown {
  if (!(e instanceof LiquidError || (e instanceof Error && e.name === 'AssertionError'))) return e;
  if (/limit exceeded/i.test(e.message)) return fail.validation('annex_limit', field, { line: lineOf(e) });
  return fail.validation('annex_syntax', field, { line: lineOf(e), detail: detailOf(e) });
}

/** A template is saved (or imported) only when it parses: its fault is shown where it was written, not at printing. */
export function checkTemplate(body: string, field = 'body'): void {
  shared ??= engine();
  if (body.length > ANNEX_LIMITS.parseChars) throw fail.validation('annex_too_large', field, { max: ANNEX_LIMITS.parseChars });
  try {
    shared.parse(body);
  } catch (e) {
    throw refusal(e, field);
  }
}

/**
 * The template rendered with `data` into HTML (still to be reduced to the annex subset). A fault of the template,
 * or a limit passed, is a refusal at `field` naming the line, never a stack.
 */
export async function renderTemplate(body: string, data: Record<string, unknown>, field = 'body'): Promise<string> {
  shared ??= engine();
  if (body.length > ANNEX_LIMITS.parseChars) throw fail.validation('annex_too_large', field, { max: ANNEX_LIMITS.parseChars });
  let html: string;
  try {
    html = String(await shared.parseAndRender(body, data));
  } catch (e) {
    throw refusal(e, field);
  }
  if (html.length > ANNEX_LIMITS.outputChars) throw fail.validation('annex_limit', field, { line: 1 });
  return html;
}
