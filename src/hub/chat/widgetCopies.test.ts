import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The widget and the web form are each one plain script a site loads as it is, so the proof of work's two functions
 * are written in both rather than built from one source. This keeps the copies equal: a fix to one is a fix to both.
 */
const read = (rel: string) => fs.readFileSync(new URL(rel, import.meta.url), 'utf8');

function functionText(source: string, name: string): string {
  const start = source.indexOf(`  function ${name}(`);
  expect(start, name).toBeGreaterThan(-1);
  // Each ends at the first closing brace back at the function's own indentation.
  const end = source.indexOf('\n  }\n', start);
  return source.slice(start, end + 4).replace(/^\s*\/\/.*$/gm, '').replace(/\s+/g, ' ');
}

describe('the proof of work in the widget and the web form', () => {
  it.each(['solve', 'solveInWorker'])('%s is the same in both scripts', (name) => {
    const widget = read('./widget.js');
    const form = read('../public/form.js');
    expect(functionText(widget, name)).toBe(functionText(form, name));
    expect(functionText(widget, name).length).toBeGreaterThan(200);
  });
});
