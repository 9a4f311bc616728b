import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { chooseLanguage } from './languages';
import { startHub, type TestHub } from './syncHub';

/**
 * Provisional numbers as a clerk meets them: the demo organization's computer, registered with a hub, validates a
 * document and registers a task while the hub is away — both numbered at once, marked "provisional" in the grid, the
 * form and on the board; the hub comes back, the final numbers arrive and the form says which provisional number
 * each had — in English and in Latvian.
 */
const server = demoServer({ demoSize: 300 });
const hubFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-hub-')), 'hub.db');
let hub: TestHub;
let hubUp = false;

test.beforeAll(async () => {
  hub = await startHub(hubFile);
  hubUp = true;
});
test.afterAll(async () => {
  if (hubUp) await hub.stop();
});

const LANGS = [
  { code: 'en', name: 'English', cat: en },
  { code: 'lv', name: 'Latviešu', cat: lv },
] as const;

async function openDocument(page: Page, id: string) {
  await page.getByTestId('nav-interventions').click();
  const row = page.getByTestId('interventions-grid').locator(`.ag-row[row-id="${id}"]:has([col-id=client])`);
  await row.locator('[col-id=client]').dblclick();
  return row;
}

test('numbered while the hub is away: provisional, marked as such; after sync the final number, with the provisional one kept', async ({ page }) => {
  test.setTimeout(300_000);
  await loginAs(page, server.url, 'owner');
  await apiCall(page, 'sync.register', { hubUrl: hub.url, code: hub.code('--new-org', 'Demo'), deviceName: 'Rīga desk' });
  await expect.poll(async () => (await apiCall<{ state: string; pending: number }>(page, 'sync.now', {})).pending, { timeout: 120_000 }).toBe(0);
  const port = new URL(hub.url).port;
  hubUp = false;
  await hub.stop();

  const riga = (await apiCall<{ id: string; name: string }[]>(page, 'branches.list', {})).find((b) => b.name.startsWith('R'))!;
  const client = (await apiCall<{ rows: { id: string }[] }>(page, 'clients.list', { limit: 1, offset: 0 })).rows[0]!;
  const draft = await apiCall<{ id: string; version: number }>(page, 'interventions.create', { branchId: riga.id, clientId: client.id, priority: 'medium', docDate: new Date().toISOString().slice(0, 10) });
  const doc = await apiCall<{ number: string }>(page, 'interventions.validate', { id: draft.id, version: draft.version });
  expect(doc.number).toMatch(/^RIX-P\d+-000001$/);
  const subject = 'Boiler pressure drops overnight';
  const task = await apiCall<{ id: string; number: string }>(page, 'tasks.create', { branchId: riga.id, clientId: client.id, priority: 'medium', subject });
  expect(task.number).toMatch(/-P\d+-000001$/);

  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    const row = await openDocument(page, draft.id);
    await expect(row.locator('[col-id=number]')).toContainText(`${doc.number} (${lang.cat.provisionalNumber.tag})`);
    await expect(page.getByTestId('intervention-form-title')).toContainText(doc.number);
    await expect(page.getByTestId('provisional-tag')).toHaveText(lang.cat.provisionalNumber.tag);
    await expect(page.getByTestId('provisional-tag')).toHaveAttribute('title', lang.cat.provisionalNumber.hint);
    await shot(page, `provisional-form-${lang.code}`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('intervention-form-title')).toHaveCount(0);
    await shot(page, `provisional-grid-${lang.code}`);
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('tasks-search').fill(subject);
    await expect(page.locator(`.ag-row[row-id="${task.id}"] [col-id=number]`)).toHaveText(`${task.number} (${lang.cat.provisionalNumber.tag})`);
    await shot(page, `provisional-tasks-grid-${lang.code}`);
    await page.getByTestId('tasks-view').getByText(lang.cat.tasks.view.board).click();
    const card = page.getByTestId('task-card').filter({ hasText: subject });
    await expect(card.getByTestId('provisional-tag')).toHaveText(lang.cat.provisionalNumber.tag);
    await shot(page, `provisional-board-${lang.code}`);
    await page.getByTestId('tasks-view').getByText(lang.cat.tasks.view.grid).click();
  }

  // The hub is back: the final numbers arrive by ordinary sync.
  hub = await startHub(hubFile, port);
  hubUp = true;
  await expect.poll(async () => (await apiCall<{ number: string }>(page, 'interventions.get', { id: draft.id })).number, { timeout: 60_000 }).toMatch(/^RIX-\d{6}$/);
  const final = (await apiCall<{ number: string }>(page, 'interventions.get', { id: draft.id })).number;
  for (const lang of [...LANGS].reverse()) {
    await chooseLanguage(page, lang);
    const row = await openDocument(page, draft.id);
    await expect(row.locator('[col-id=number]')).toHaveText(final);
    await expect(page.getByTestId('intervention-form-title')).toContainText(final);
    await expect(page.getByTestId('provisional-tag')).toHaveCount(0);
    await expect(page.getByTestId('provisional-was')).toHaveText(lang.cat.provisionalNumber.was.replace('{{number}}', doc.number));
    await shot(page, `provisional-confirmed-${lang.code}`);
    await page.keyboard.press('Escape');
  }
  // The printed provisional number still finds the document.
  const found = await apiCall<{ rows: { id: string }[] }>(page, 'interventions.list', { scope: { filters: { search: doc.number } }, offset: 0, limit: 10 });
  expect(found.rows.map((r) => r.id)).toContain(draft.id);
});
