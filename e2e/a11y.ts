import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0/2.1/2.2 levels A and AA (what EN 301 549 asks), plus axe's best practices for headings and tables. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Rules axe rates below serious that we gate anyway: a screen without its heading, a header cell without a name. */
const ALSO_GATED = new Set(['page-has-heading-one', 'empty-table-header']);

/** One line per failing element, so the failure message alone says what to fix and where. */
function describe(v: Result): string {
  const where = v.nodes.map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`);
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length})\n${where.join('\n')}`;
}

/**
 * Runs axe-core on what the page shows now and fails on any serious or critical WCAG A/AA violation
 * (or a rule of ALSO_GATED), naming each rule, the elements it found and how to fix them.
 * Soft: one run reports every screen's findings, and the test still fails.
 */
export async function expectAccessible(page: Page, screenName: string, scope?: string): Promise<void> {
  // Mantine fades dialogs in; a half-transparent frame would be measured as poor contrast. (Spinners never end.)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity));
  const builder = new AxeBuilder({ page }).withTags(TAGS);
  // `scope`: only what this CSS selector holds (a dialog over a screen that is checked on its own).
  const { violations } = await (scope ? builder.include(scope) : builder).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_GATED.has(v.id));
  expect.soft(blocking.map(describe).join('\n'), `accessibility of ${screenName}`).toBe('');
  // One page heading per screen (dialogs title themselves below it), so a screen reader's "next heading" lands on it.
  await expect.soft(page.getByRole('heading', { level: 1 }), `one page heading on ${screenName}`).toHaveCount(1);
}
