import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { apiCall, expect, loginAs, shot, startPlanora, test, type PlanoraServer } from './fixtures';
import { chooseLanguage, EN_RO } from './languages';
import { joinFromWizard, OWNER_PASSWORD, setUpHeadOffice, startHub, type TestHub } from './syncHub';

/**
 * Branch sync as its people meet it: a hub started by the test (SQLite, its own process, as `npm run hub` runs it),
 * two web-mode installations. The owner registers the head office with a one-time code from the screen; a branch
 * joins; a change travels; a break moved on both sides while apart is a conflict, shown with both versions and
 * resolved from the keyboard — in English, then in Romanian.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 900 } });

let hub: TestHub;
const hubFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-hub-')), 'hub.db');
let headOffice: PlanoraServer & { stop(): Promise<void> };
let branch: PlanoraServer & { stop(): Promise<void> };
let orgId: string;
let ownerId: string;
let branchPage: Page;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  [hub, headOffice, branch] = await Promise.all([startHub(hubFile), startPlanora(), startPlanora()]);
  branchPage = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  await hub?.stop();
  await Promise.all([headOffice?.stop(), branch?.stop()]);
});

const syncNow = (page: Page) => apiCall<{ state: string; conflicts: number }>(page, 'sync.now', {});

/** The head office's page of the test under way. */
let headPage: Page;

/**
 * While the hub is down (both installations keep working), the owner at the head office and at the branch each move
 * the break to their own hour; the hub comes back on its port and both sync. Answers a page that lists the conflict.
 */
async function moveApart(visitId: string, hours: [string, string]): Promise<Page> {
  await hub.stop();
  for (const [p, hour] of [
    [headPage, hours[0]],
    [branchPage, hours[1]],
  ] as const) {
    const v = await apiCall<{ version: number; start: string }>(p, 'visits.get', { id: visitId });
    const start = `${v.start.slice(0, 11)}${hour}:00.000Z`;
    const end = `${v.start.slice(0, 11)}${hour.slice(0, 2)}:30:00.000Z`;
    await apiCall(p, 'visits.move', { id: visitId, version: v.version, userId: ownerId, start, end, outsideHoursConfirmed: true });
  }
  hub = await startHub(hubFile, new URL(hub.url).port);
  await syncNow(headPage);
  await syncNow(branchPage);
  await syncNow(headPage);
  // The side whose pull met its own unacknowledged move lists the conflict — when the two rounds overlap at the hub,
  // both do; which one depends on whose round landed first, so the first that lists it is where a person decides.
  let where: Page | undefined;
  await expect.poll(async () => (where = await firstListing(visitId)) !== undefined).toBe(true);
  return where!;
}

async function firstListing(visitId: string): Promise<Page | undefined> {
  for (const p of [headPage, branchPage]) if ((await conflictsAbout(p, visitId)).length) return p;
  return undefined;
}

const conflictsAbout = async (p: Page, visitId: string) =>
  (await apiCall<{ id: string; rowId: string; kept: { values: Record<string, unknown> }; other: { values: Record<string, unknown> } }[]>(p, 'sync.conflicts', {})).filter(
    (c) => c.rowId === visitId,
  );

/**
 * A decision travels: after rounds on both sides neither lists a conflict any more (the other side's entry, if its
 * round overlapped, closes when the decision arrives) and both hold `start`.
 */
async function decidedOnBoth(visitId: string, start: unknown) {
  await expect
    .poll(
      async () => {
        await syncNow(headPage);
        await syncNow(branchPage);
        const state = async (p: Page) => [(await apiCall<{ conflicts: number }>(p, 'sync.status', {})).conflicts, (await apiCall<{ start: string }>(p, 'visits.get', { id: visitId })).start];
        return [await state(headPage), await state(branchPage)];
      },
      { timeout: 30_000 },
    )
    .toEqual([
      [0, start],
      [0, start],
    ]);
}

test('the owner registers the head office, a branch joins, a change travels, a conflict is kept from the keyboard (English)', async ({ page }) => {
  test.setTimeout(180_000);
  headPage = page;
  const lang = EN_RO[0];
  await setUpHeadOffice(page, headOffice.url);
  await chooseLanguage(page, lang);
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'unregistered');
  await expect(indicator).toHaveText(lang.cat.sync.state_unregistered);

  // Sync settings: a wrong code is said on its field; the right one registers.
  await page.getByTestId('nav-sync').click();
  await expect(page.getByRole('heading', { level: 1, name: lang.cat.sync.title })).toBeVisible();
  await page.getByTestId('sync-hub-url').fill(hub.url);
  await page.getByTestId('sync-code').fill('WRONG-CODE-1');
  await page.getByTestId('sync-device-name').fill('Rīga desk');
  await page.getByTestId('sync-register').click();
  await expect(page.getByTestId('sync-register-form')).toContainText(lang.cat.errors.hub_code_invalid);
  await page.getByTestId('sync-code').fill(hub.code('--new-org', 'Test Serviss'));
  await page.getByTestId('sync-register').click();
  await expect(indicator).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(page.getByTestId('sync-status')).toContainText('Rīga desk');
  await expect(page.getByTestId('sync-status')).toContainText(lang.cat.sync.pending.replace('{{count}}', '0'));
  await shot(page, `sync-settings-${lang.code}`);

  const me = await apiCall<{ orgId: string; id: string }>(page, 'auth.me', {});
  orgId = me.orgId;
  ownerId = me.id;

  // The branch: a fresh installation joins by a code and, after its first pull, knows the owner's login.
  await joinFromWizard(branchPage, branch.url, { hubUrl: hub.url, code: hub.code('--org', orgId), deviceName: 'Yerevan desk' }, async () => {
    await expect(branchPage.getByRole('heading', { name: lang.cat.sync.joinTitle })).toBeVisible();
    await shot(branchPage, `sync-join-${lang.code}`);
  });

  // A change travels: made at the head office, synced with Ctrl+Shift+S, pulled by the branch.
  await apiCall(page, 'clients.create', { kind: 'person', name: 'Anna Liepiņa', phones: [], emails: [], addresses: [], contacts: [] });
  await page.keyboard.press('Control+Shift+S');
  await expect(page.getByTestId('sync-panel')).toBeVisible();
  await expect(page.getByTestId('sync-pending')).toHaveText(lang.cat.sync.pending.replace('{{count}}', '0'));
  await expect(page.getByTestId('sync-now')).toBeEnabled();
  await expect(page.getByTestId('sync-panel-state')).toContainText(lang.cat.sync.state_idle);
  // After the popover's fade-in, not half-way through it.
  await expect(page.getByTestId('sync-panel')).toHaveCSS('opacity', '1');
  await shot(page, `sync-panel-${lang.code}`);
  await page.keyboard.press('Escape');
  await syncNow(branchPage);
  await branchPage.goto(`${branch.url}/#/clients`);
  await expect(branchPage.getByText('Anna Liepiņa')).toBeVisible();

  // A conflict: one break, moved to 11:00 at the head office and to 12:00 at the branch while apart.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 11);
  const brk = await apiCall<{ id: string }>(page, 'visits.bookBreak', { userId: ownerId, start: `${tomorrow}10:00:00.000Z`, durationMin: 30, outsideHoursConfirmed: true });
  await syncNow(page);
  await syncNow(branchPage);
  const where = await moveApart(brk.id, ['11:00', '12:00']);
  if (where !== page) await chooseLanguage(where, lang);
  const [listed] = await conflictsAbout(where, brk.id);

  await where.reload();
  await expect(where.getByTestId('sync-indicator')).not.toHaveAttribute('data-conflicts', '0');
  await expect(where.getByTestId('sync-conflict-badge')).toHaveText('1');
  await where.getByTestId('sync-indicator').click();
  await where.getByTestId('sync-open-conflicts').click();
  await expect(where.getByRole('heading', { level: 1, name: lang.cat.sync.conflictsTitle })).toBeVisible();
  await expect(where.getByTestId('sync-conflict-sides')).toContainText(lang.cat.sync.kind_field_diverged);
  await expect(where.getByTestId('sync-kept-head')).toContainText(lang.cat.sync.kept);
  await expect(where.getByTestId('sync-other-head')).toContainText(lang.cat.sync.other);
  await shot(where, `sync-conflicts-${lang.code}`);
  const kept = await where.getByTestId('sync-kept-starts_at').textContent();

  await where.getByTestId('sync-conflict-list').focus();
  await where.keyboard.press('k');
  await expect(where.getByTestId('sync-no-conflicts')).toHaveText(lang.cat.sync.noConflicts);
  await expect(where.getByTestId('sync-indicator')).toHaveAttribute('data-conflicts', '0');
  await expect(where.getByTestId('sync-conflict-badge')).toHaveCount(0);
  // The merged hour stays on both sides, and neither lists the conflict after a round each.
  await decidedOnBoth(brk.id, listed!.kept.values.starts_at);
  expect(kept).toBeTruthy();
});

test('a second conflict, read and put back in Romanian', async ({ page }) => {
  test.setTimeout(120_000);
  headPage = page;
  const lang = EN_RO[1];
  await loginAs(page, `${headOffice.url}/#/home`, 'owner', OWNER_PASSWORD);
  await chooseLanguage(page, lang);
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 11);
  const brk = await apiCall<{ id: string }>(page, 'visits.bookBreak', { userId: ownerId, start: `${tomorrow}10:00:00.000Z`, durationMin: 30, outsideHoursConfirmed: true });
  await syncNow(page);
  await syncNow(branchPage);
  const where = await moveApart(brk.id, ['13:00', '14:00']);
  if (where !== page) await chooseLanguage(where, lang);
  const [listed] = await conflictsAbout(where, brk.id);

  await where.goto(`${where === page ? headOffice.url : branch.url}/#/sync-conflicts`);
  await expect(where.getByRole('heading', { level: 1, name: lang.cat.sync.conflictsTitle })).toBeVisible();
  await expect(where.getByTestId('sync-put-back')).toHaveText(new RegExp(lang.cat.sync.putOtherBack));
  const other = await where.getByTestId('sync-other-starts_at').textContent();
  await shot(where, `sync-conflicts-${lang.code}`);
  await where.getByTestId('sync-conflict-list').focus();
  await where.keyboard.press('o');
  await expect(where.getByTestId('sync-no-conflicts')).toHaveText(lang.cat.sync.noConflicts);

  // The other hour is back on both sides after a round each, and neither lists the conflict.
  await decidedOnBoth(brk.id, listed!.other.values.starts_at);
  expect(other).toBeTruthy();

  await page.getByTestId('sync-indicator').click();
  await expect(page.getByTestId('sync-panel-state')).toContainText(lang.cat.sync.state_idle);
  // After the popover's fade-in, not half-way through it.
  await expect(page.getByTestId('sync-panel')).toHaveCSS('opacity', '1');
  await shot(page, `sync-panel-${lang.code}`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sync-panel')).toBeHidden();
  await page.goto(`${headOffice.url}/#/sync`);
  await expect(page.getByRole('heading', { level: 1, name: lang.cat.sync.title })).toBeVisible();
  await shot(page, `sync-settings-${lang.code}`);
});
