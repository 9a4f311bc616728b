import { request, type APIRequestContext, type Page } from '@playwright/test';
import { demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The interventions grid shades a row by its own priority and status, whatever position the row lands on: new rows
 * (one's own save, or one pushed from another session) push the others down, and every rendered row must still wear
 * the classes of the document it shows.
 */
const server = demoServer();

interface Result<T> {
  ok: boolean;
  data: T;
}

type Priority = 'low' | 'medium' | 'high';
interface Row {
  id: string;
  priority: Priority;
  status: string;
  notes: string | null;
}

async function call<T>(ctx: APIRequestContext, name: string, input: unknown): Promise<T> {
  const res = await ctx.post(`${server.url}/api/call/${name}`, { data: input, headers: { origin: server.url } });
  const body = (await res.json()) as Result<T>;
  expect(body.ok, `${name}: ${JSON.stringify(body)}`).toBe(true);
  return body.data;
}

/** A second person in their own session (their own cookie jar), as another window on another computer. */
async function otherSession(login: string): Promise<APIRequestContext> {
  const ctx = await request.newContext();
  await call(ctx, 'auth.login', { login, password: 'planora-demo' });
  return ctx;
}

/**
 * Every rendered data row against the document it shows (by its row id, read from main): the rows whose priority or
 * status classes are not exactly their own. Empty when the grid is right.
 */
async function wrongShading(page: Page): Promise<{ checked: number; wrong: string[] }> {
  const truth = new Map<string, Row>();
  const { rows } = await call<{ rows: Row[] }>(page.request, 'interventions.list', { scope: { filters: {} }, sort: 'docDate', desc: true, offset: 0, limit: 200 });
  for (const r of rows) truth.set(r.id, r);
  const rendered = await page.getByTestId('interventions-grid').locator('.ag-row[row-id]').evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute('row-id')!, classes: Array.from(e.classList) })),
  );
  const wrong: string[] = [];
  let checked = 0;
  for (const r of rendered) {
    const doc = truth.get(r.id);
    if (!doc) continue;
    checked++;
    const priorities = r.classes.filter((c) => c.startsWith('pl-row-p-'));
    const statuses = r.classes.filter((c) => /^pl-row-(received|allocated|confirmed|finalized|cancelled)$/.test(c));
    if (priorities.join() !== `pl-row-p-${doc.priority}` || statuses.join() !== `pl-row-${doc.status}`) wrong.push(`${doc.notes}: ${doc.priority}/${doc.status} shown as ${[...priorities, ...statuses].join(' ')}`);
  }
  return { checked, wrong };
}

async function expectEveryRowShadedRight(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const { checked, wrong } = await wrongShading(page);
      // The grid draws the rows on screen (about twenty at this size), not a buffer beyond them.
      return checked < 15 ? [`only ${checked} rows rendered`] : wrong;
    })
    .toEqual([]);
}

test("after one's own save and a row pushed from another session, every rendered row wears its own priority", async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  const me = await call<{ branchIds: string[] }>(page.request, 'auth.me', {});
  const clients = await call<{ rows: { id: string; name: string }[] }>(page.request, 'clients.list', { limit: 60, offset: 0 });
  const today = new Date().toISOString().slice(0, 10);
  // An irregular pattern, so that a row moving down one place lands where another priority was.
  const pattern: Priority[] = ['high', 'low', 'low', 'medium', 'high', 'high', 'low', 'medium', 'medium', 'low', 'high'];
  // The demo's call centre is there already: counts are on top of its documents.
  const base = (await call<{ total: number }>(page.request, 'interventions.count', { scope: { filters: {} } })).total;
  const shown = () => expect.poll(async () => Number((await page.getByTestId('iv-total').innerText()).replace(/\D/g, '')));
  for (let i = 0; i < 40; i++) {
    await call(page.request, 'interventions.create', { branchId: me.branchIds[0], clientId: clients.rows[i % clients.rows.length]!.id, priority: pattern[i % pattern.length], docDate: today, notes: `Shade ${i}` });
  }

  await page.getByTestId('nav-interventions').click();
  await shown().toBe(base + 40);
  await expectEveryRowShadedRight(page);

  // One's own new document, saved with Ctrl+S: it lands on top and every other row moves down one place.
  await page.keyboard.press('Insert');
  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('f-client')).toBeFocused();
  const client = clients.rows[45]!.name;
  await page.keyboard.type(client);
  await expect(page.locator('[role=option][data-combobox-selected]')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('f-client-info')).not.toHaveValue('');
  // In the order of a call: the problem (notes) first, then how urgent it is.
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('f-notes')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(form.locator('input[type=radio][value=high]')).toBeChecked();
  await page.keyboard.press('Control+s');
  await expect(form).toBeHidden();
  await shown().toBe(base + 41);
  await expectEveryRowShadedRight(page);

  // Two more pushed from another person's session: the grid hears of them and moves its rows down again.
  const other = await otherSession('manager.riga');
  let pushed = '';
  try {
    for (const [i, priority] of (['low', 'high'] as const).entries()) {
      ({ id: pushed } = await call<{ id: string }>(other, 'interventions.create', { branchId: me.branchIds[0], clientId: clients.rows[50 + i]!.id, priority, docDate: today, notes: `Pushed ${i}` }));
    }
  } finally {
    await other.dispose();
  }
  await shown().toBe(base + 43);
  await expect(page.getByTestId('interventions-grid').locator(`.ag-row[row-id="${pushed}"]`).first()).toBeVisible();
  await expectEveryRowShadedRight(page);
  await shot(page, 'interventions-grid-shading');
});
