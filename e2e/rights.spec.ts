import { demoServer, expect, loginAs, shot, test } from './fixtures';

/** Who may change the organization's reference lists, and who sees colleagues' logins and e-mails. */
const server = demoServer();

test('a technician reads the reference lists but cannot change them, and has no user administration', async ({ page }) => {
  await loginAs(page, server.url, 'tech.riga');
  // tech.riga works in Latvian.
  await expect(page.getByTestId('nav-nomenclature')).toContainText('Klasifikatori');
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await page.getByTestId('nav-nomenclature').click();
  await page.getByTestId('nomenclature-kind-zone').click();
  await expect(page.getByTestId('nomenclature-table')).toBeVisible();
  await expect(page.getByTestId('nomenclature-refresh')).toBeVisible();
  await expect(page.getByTestId('nomenclature-add')).toHaveCount(0);
  await expect(page.getByTestId('nomenclature-edit')).toHaveCount(0);
  await expect(page.getByTestId('nomenclature-delete')).toHaveCount(0);
  await page.getByTestId('nomenclature-table').click();
  await page.keyboard.press('Insert');
  await expect(page.getByTestId('nomenclature-edit-row')).toHaveCount(0);
  await shot(page, 'rights-technician-lists-lv');

  // Main refuses it too, whatever the screen shows.
  const refused = await page.evaluate(async () => {
    const res = await fetch('/api/call/nomenclature.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'zone', name: 'Mana zona' }) });
    return res.json();
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } });
  const colleagues = await page.evaluate(async () => (await (await fetch('/api/call/users.directory', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()).data);
  expect(colleagues.map((c: { name: string }) => c.name)).toContain('Kārlis Zariņš');
  expect(JSON.stringify(colleagues)).not.toContain('@demo.planora.test');

  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'English', exact: true }).click();
  await expect(page.getByTestId('nav-nomenclature')).toContainText('Reference lists');
  await shot(page, 'rights-technician-lists-en');
});

test('a dispatcher adds to the reference lists but does not delete, and has no user administration', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await page.getByTestId('nav-nomenclature').click();
  await expect(page.getByTestId('nomenclature-add')).toBeVisible();
  await expect(page.getByTestId('nomenclature-delete')).toHaveCount(0);

});

test('the owner administers users: logins and e-mails are on that screen', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId('users-table')).toContainText('tech.riga@demo.planora.test');
});
