import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import ro from '../src/shared/i18n/ro.json' with { type: 'json' };
import { expectAccessible } from './a11y';
import { SHOTS, apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * Annex forms as an administrator and a dispatcher meet them: the admin writes a template from the field list (the
 * fields named in their language), previews it on a real document of the demo, and a dispatcher prints that
 * document's annex from the form; the PDF's text is checked and its first page kept as a picture.
 */
const server = demoServer({ demoSize: 40 });

const LANGS = [
  { code: 'en', name: 'English', cat: en },
  { code: 'ro', name: 'Română', cat: ro },
] as const;

async function chooseLanguage(page: Page, name: string, code: string): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

interface Row {
  id: string;
  number: string | null;
  client: string;
  timeZone: string;
}

for (const lang of LANGS) {
  test(`an admin defines an annex form and previews it; a dispatcher prints it (${lang.code})`, async ({ page, browser }) => {
    test.setTimeout(180_000);
    const name = `${lang.cat.annex.button} ${lang.code} ${Date.now() % 100000}`;
    await loginAs(page, server.url, 'admin');
    await chooseLanguage(page, lang.name, lang.code);

    // A numbered document of Riga, where the dispatcher works.
    const rows = (await apiCall<{ rows: Row[] }>(page, 'interventions.list', { scope: { filters: {} }, sort: 'docDate', desc: true, offset: 0, limit: 200 })).rows;
    const doc = rows.find((r) => r.number && r.timeZone === 'Europe/Riga')!;
    expect(doc).toBeTruthy();

    await page.getByTestId('nav-annex-forms').click();
    await expect(page.getByTestId('annex-screen')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang.cat.annex.title);
    // The demo's own forms are there, in the organization's language.
    for (const demo of ['Darbu pieņemšanas akts', 'Apkopes kontrolsaraksts']) await expect(page.getByTestId('annex-list').locator('tbody tr', { hasText: demo })).toHaveCount(1);

    await page.getByTestId('annex-new').click();
    await page.getByTestId('annex-name').fill(name);
    // The fields are offered under their names in the reader's language.
    await expect(page.getByTestId('annex-field-client.name')).toHaveText(lang.cat.interventions.col.client);
    await expect(page.getByTestId('annex-field-intervention.number')).toHaveText(lang.cat.reports.form.number);
    const body = page.getByTestId('annex-body');
    await body.fill('<h2>Protocol</h2>\n<p>Nr. ');
    await page.getByTestId('annex-field-intervention.number').click();
    await expect(body).toBeFocused();
    await page.keyboard.type('</p>\n<p><strong>');
    await page.getByTestId('annex-field-client.name').click();
    await page.keyboard.type('</strong></p>\n<script>document.title = "owned"</script><p onclick="alert(1)">');
    await page.getByTestId('annex-field-object.name').click();
    await page.keyboard.type('</p>\n');
    await page.getByTestId('annex-field-timeline').click();
    await expect(body).toHaveValue(/\{\{ intervention\.number \}\}[\s\S]*\{\{ client\.name \}\}[\s\S]*\{% for line in timeline %\}/);
    await page.getByTestId('annex-save').click();
    await expect(page.getByTestId('annex-saved')).toBeVisible();
    await expect(page.getByTestId('annex-list').locator('tbody tr', { hasText: name })).toHaveCount(1);

    // Preview on the real document: its number and client, nothing that could act.
    await page.getByTestId('annex-preview-doc').click();
    await page.getByTestId('annex-preview-doc').fill(doc.number!);
    await page.getByRole('option', { name: new RegExp(doc.number!) }).click();
    await page.getByTestId('annex-preview-run').click();
    const preview = page.getByTestId('annex-preview');
    await expect(preview).toContainText(`Nr. ${doc.number}`);
    await expect(preview.locator('strong')).toHaveText(doc.client);
    await expect(preview.locator('h2')).toHaveText('Protocol');
    await expect(preview.locator('script, [onclick], iframe')).toHaveCount(0);
    expect(await page.title()).not.toBe('owned');
    await shot(page, `annex-editor-${lang.code}`);
    await expectAccessible(page, 'annex forms');

    // A template with a fault is refused where it was written, naming the line.
    await body.fill('<p>ok</p>\n{% if %}');
    await page.getByTestId('annex-save').click();
    await expect(page.getByTestId('annex-editor')).toContainText(lang.cat.errors.annex_syntax.split('{{')[0]!.trim());
    await shot(page, `annex-editor-error-${lang.code}`);

    // The dispatcher prints the annex from the open document; the editor is not theirs.
    const context = await browser.newContext({ acceptDownloads: true });
    const user = await context.newPage();
    try {
      await loginAs(user, server.url, 'dispatcher.riga');
      await chooseLanguage(user, lang.name, lang.code);
      await expect(user.getByTestId('nav-annex-forms')).toHaveCount(0);
      await user.getByTestId('nav-interventions').click();
      await user.getByTestId('filter-search').fill(doc.number!);
      await user.getByTestId('filter-search').press('Enter');
      const row = user.getByTestId('interventions-grid').locator('.ag-row:has([data-status])', { hasText: doc.number! });
      await expect(row).toHaveCount(1);
      await row.locator('[col-id=client]').dblclick();
      const form = user.getByTestId('intervention-form');
      await expect(form).toBeVisible();
      await form.getByTestId('act-annex').click();
      const item = user.getByTestId(`annex-item-${name}`);
      await expect(item).toBeVisible();
      const download = user.waitForEvent('download', { timeout: 60_000 });
      // Print opens the preview, as every report does in web mode; its Download gives the file.
      await item.getByTestId('annex-print').click();
      await user.getByTestId('preview-download').click();
      const file = await (await download).path();
      await user.keyboard.press('Escape');
      await expect(user.getByTestId('preview-download')).toBeHidden();
      fs.mkdirSync(SHOTS, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, `annex-pdf-${lang.code}`)]);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const s of [name, 'Protocol', `Nr. ${doc.number}`, doc.client, lang.cat.reports.timeline.text]) expect(text).toContain(s);
      expect(text).not.toContain('owned');
      await shot(user, `annex-menu-${lang.code}`);
    } finally {
      await context.close();
    }
  });
}

test('templates leave as a file and come back; a bad file is refused with its reason', async ({ page }) => {
  await loginAs(page, server.url, 'admin');
  await chooseLanguage(page, 'English', 'en');
  await page.getByTestId('nav-annex-forms').click();
  await expect(page.getByTestId('annex-screen')).toBeVisible();

  const download = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByTestId('annex-export').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/\.json$/);
  const file = JSON.parse(fs.readFileSync(await saved.path(), 'utf8')) as { format: string; version: number; templates: { name: string; type: string | null; body: string }[] };
  expect(file.format).toBe('planora.annexForms');
  expect(file.version).toBe(1);
  expect(file.templates.map((t) => t.name)).toContain('Darbu pieņemšanas akts');

  const upload = async (name: string, content: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('annex-import').click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  };
  // The same file changes nothing; one more template is added; a file of another version is refused.
  await upload('same.json', JSON.stringify(file));
  await expect(page.getByTestId('annex-message')).toHaveText(en.annex.imported.replace('{{created}}', '0').replace('{{updated}}', '0'));
  const more = { ...file, templates: [...file.templates, { name: 'Imported form', type: null, body: '<p>{{ client.name }}</p>' }] };
  await upload('more.json', JSON.stringify(more));
  await expect(page.getByTestId('annex-message')).toHaveText(en.annex.imported.replace('{{created}}', '1').replace('{{updated}}', '0'));
  await expect(page.getByTestId('annex-list').locator('tbody tr', { hasText: 'Imported form' })).toHaveCount(1);
  await upload('future.json', JSON.stringify({ ...file, version: 2 }));
  await expect(page.getByTestId('annex-message')).toContainText(en.errors.annex_file_version.replace('{{version}}', '2'));
  await shot(page, 'annex-import-refused-en');
});

