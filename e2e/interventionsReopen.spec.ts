import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/** A stored intervention opens as it was saved: what belongs to its client stays, and nothing counts as typed. */
const server = demoServer();

test('a stored document keeps its contact when opened, and Esc closes it without asking', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  // The demo's companies have a contact person.
  const clients = await apiCall<{ rows: { id: string; name: string; fiscalCode: string | null }[] }>(page, 'clients.list', { limit: 500, offset: 0 });
  const company = clients.rows.find((c) => c.fiscalCode)!;
  const detail = await apiCall<{ contacts: { id: string; name: string; position: string | null }[] }>(page, 'clients.get', { id: company.id });
  const contact = detail.contacts[0]!;
  const note = `Reopened ${Date.now()}`;
  await apiCall(page, 'interventions.create', { branchId: me.branchIds[0], clientId: company.id, contactId: contact.id, priority: 'medium', docDate: new Date().toISOString().slice(0, 10), notes: note });

  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('interventions-screen')).toBeVisible();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(note);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('iv-total')).toHaveText(/(^|\D)1(\D|$)/);
  await expect(page.getByTestId('interventions-grid').locator('.ag-row:has([data-status]) .ag-cell:focus')).toHaveCount(1);
  await page.keyboard.press('Enter');

  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('f-client')).toHaveValue(company.name);
  await expect(form.getByTestId('f-contact')).toHaveValue(contact.position ? `${contact.name} (${contact.position})` : contact.name);
  await shot(page, 'interventions-reopened');
  // Nothing was typed: Esc closes at once, without the "discard what was typed?" question.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(page.getByTestId('intervention-discard')).toBeHidden();
});
