import type { Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { chooseLanguage, EN_RO } from './languages';

/**
 * The module's session lock reaches the timeline: while a manager has locked the interventions session, a dispatcher
 * whose form is already open is refused a note, with the reason in their language at the note, and nothing is
 * written; unlocked, the same note goes in.
 */
const server = demoServer({ demoSize: 0 });

const LANGS = EN_RO;

const setLock = async (page: Page, on: boolean) => {
  const settings = await apiCall<Record<string, unknown>>(page, 'interventions.settings', {});
  await apiCall(page, 'interventions.setSettings', { ...settings, lockSession: on });
};

for (const lang of LANGS) {
  test(`a note is refused while the session is locked from another session, translated (${lang.code})`, async ({ browser }) => {
    const open = async () => (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    const manager = await open();
    const dispatcher = await open();
    await loginAs(manager, server.url, 'manager.riga');
    await loginAs(dispatcher, server.url, 'dispatcher.riga');
    await chooseLanguage(dispatcher, lang);

    const me = await apiCall<{ branchIds: string[] }>(dispatcher, 'auth.me', {});
    const clients = await apiCall<{ rows: { id: string }[] }>(dispatcher, 'clients.list', { limit: 5, offset: 0 });
    const doc = await apiCall<{ id: string }>(dispatcher, 'interventions.create', {
      branchId: me.branchIds[0],
      clientId: clients.rows[LANGS.indexOf(lang)]!.id,
      priority: 'medium',
      docDate: new Date().toISOString().slice(0, 10),
    });
    await dispatcher.goto(`${server.url}/#/interventions?open=${doc.id}`);
    const form = dispatcher.getByTestId('intervention-form');
    await expect(form).toBeVisible();
    const lines = form.getByTestId('timeline-line');
    const before = await lines.count();

    // The manager locks the session while the dispatcher's form is open.
    await setLock(manager, true);
    try {
      const note = `Called back ${lang.code}`;
      await form.getByTestId('timeline-text').fill(note);
      await form.getByTestId('timeline-add-button').click();
      const add = form.getByTestId('timeline-add');
      await expect(add).toContainText(lang.cat.errors.module_session_locked);
      await expect(lines).toHaveCount(before);
      await expect(form.getByTestId('timeline-text')).toHaveValue(note);
      await shot(dispatcher, `timeline-locked-${lang.code}`);

      // Unlocked, the same note goes in.
      await setLock(manager, false);
      await form.getByTestId('timeline-add-button').click();
      await expect(lines.filter({ hasText: note })).toHaveCount(1);
      await expect(add).not.toContainText(lang.cat.errors.module_session_locked);
    } finally {
      await setLock(manager, false);
      await manager.context().close();
      await dispatcher.context().close();
    }
  });
}
