import { describe, expect, it } from 'vitest';
import { snapshotDb, userWithRole, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';

let app: TestApp;
let owner: string;

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
});

const viewInput = (name: string, shared: boolean) => ({ module: 'interventions' as const, kind: 'view' as const, name, shared, config: '{"filters":{}}' });
const changesOf = (table: string, rowId: string) => app.core.sqlite.prepare('select op, columns, user_id from change_log where table_name = ? and row_id = ? order by seq').all(table, rowId);

describe('favorites are each person\'s own', () => {
  it('a star on a shared view is the starring person\'s alone: the view does not change for anyone else', async () => {
    const a = await userWithRole(app, owner, 'dispatcher', 'disp.a');
    const b = await userWithRole(app, owner, 'dispatcher', 'disp.b');
    const shared = await app.call(owner, 'views.save', viewInput('Waiting', true));
    const before = changesOf('saved_view', shared.id);

    expect(await app.call(a.token, 'views.setFavorite', { id: shared.id, favorite: true })).toMatchObject({ id: shared.id, favorite: true });
    expect((await app.call(a.token, 'views.list', { module: 'interventions' })).find((v) => v.id === shared.id)?.favorite).toBe(true);
    expect((await app.call(b.token, 'views.list', { module: 'interventions' })).find((v) => v.id === shared.id)?.favorite).toBe(false);
    expect((await app.call(owner, 'views.list', { module: 'interventions' })).find((v) => v.id === shared.id)?.favorite).toBe(false);
    expect(await app.call(a.token, 'favorites.list', {})).toEqual([expect.objectContaining({ kind: 'view', screen: 'interventions', viewId: shared.id, name: 'Waiting', shared: true })]);
    expect(await app.call(b.token, 'favorites.list', {})).toEqual([]);
    // The view's row and its history are as they were: only A's own favorite row was written.
    expect(changesOf('saved_view', shared.id)).toEqual(before);
    const favoriteId = (await app.call(a.token, 'favorites.list', {}))[0]!.id;
    expect(changesOf('favorite', favoriteId)).toEqual([expect.objectContaining({ op: 'insert', user_id: a.id })]);
    // A preference, not an event anyone audits.
    expect(app.core.sqlite.prepare("select count(*) from audit_log where entity = 'favorite'").pluck().get()).toBe(0);

    // B starring and A unstarring the same view stay apart.
    await app.call(b.token, 'views.setFavorite', { id: shared.id, favorite: true });
    await app.call(a.token, 'views.setFavorite', { id: shared.id, favorite: false });
    expect(await app.call(a.token, 'favorites.list', {})).toEqual([]);
    expect((await app.call(b.token, 'favorites.list', {})).map((f) => f.viewId)).toEqual([shared.id]);
  });

  it('lists screens and views in the order they were starred; unstarring and starring again reuses the one row', async () => {
    const d = await userWithRole(app, owner, 'dispatcher', 'disp.order');
    const mine = await app.call(d.token, 'views.save', viewInput('My open', false));
    await app.call(d.token, 'favorites.setScreen', { screen: 'interventions-calendar', on: true });
    await app.call(d.token, 'views.setFavorite', { id: mine.id, favorite: true });
    const list = await app.call(d.token, 'favorites.setScreen', { screen: 'clients', on: true });
    expect(list.map((f) => [f.kind, f.screen, f.name, f.shared])).toEqual([
      ['screen', 'interventions-calendar', null, false],
      ['view', 'interventions', 'My open', false],
      ['screen', 'clients', null, false],
    ]);
    // Twice the same star is one star.
    expect(await app.call(d.token, 'favorites.setScreen', { screen: 'clients', on: true })).toHaveLength(3);
    const calendar = list[0]!.id;
    expect((await app.call(d.token, 'favorites.setScreen', { screen: 'interventions-calendar', on: false })).map((f) => f.screen)).toEqual(['interventions', 'clients']);
    expect((await app.call(d.token, 'favorites.setScreen', { screen: 'interventions-calendar', on: true })).map((f) => f.id)).toContain(calendar);
    expect(changesOf('favorite', calendar).map((c: any) => c.op)).toEqual(['insert', 'delete', 'update']);
  });

  it('a deleted view drops out of the list, and another person\'s own view cannot be starred', async () => {
    const d = await userWithRole(app, owner, 'dispatcher', 'disp.gone');
    const e = await userWithRole(app, owner, 'dispatcher', 'disp.other');
    const mine = await app.call(d.token, 'views.save', viewInput('Soon gone', false));
    await app.call(d.token, 'views.setFavorite', { id: mine.id, favorite: true });
    await app.call(d.token, 'views.delete', { id: mine.id });
    expect(await app.call(d.token, 'favorites.list', {})).toEqual([]);

    const theirs = await app.call(e.token, 'views.save', viewInput('Private', false));
    const before = snapshotDb(app.core);
    expect(await app.raw(d.token, 'views.setFavorite', { id: theirs.id, favorite: true })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.view_not_found', field: 'id' } });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('a screen can be starred only by those who may open it; a star whose right is gone is not listed', async () => {
    const d = await userWithRole(app, owner, 'dispatcher', 'disp.rights');
    const before = snapshotDb(app.core);
    expect(await app.raw(d.token, 'favorites.setScreen', { screen: 'users', on: true })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden', field: 'screen' } });
    expect(await app.raw(d.token, 'favorites.setScreen', { screen: 'home', on: true })).toMatchObject({ ok: false, error: { code: 'validation', field: 'screen' } });
    expect(await app.raw(d.token, 'favorites.setScreen', { screen: 'nowhere', on: true })).toMatchObject({ ok: false, error: { code: 'validation', field: 'screen' } });
    expect(snapshotDb(app.core)).toBe(before);

    // An admin's star on user administration stays theirs while they are an admin, and drops out once they are not.
    const admin = await userWithRole(app, owner, 'admin', 'admin.demoted');
    await app.call(admin.token, 'favorites.setScreen', { screen: 'users', on: true });
    expect((await app.call(admin.token, 'favorites.list', {})).map((f) => f.screen)).toEqual(['users']);
    const [branch] = await app.call(owner, 'branches.list', {});
    await app.call(owner, 'users.update', { id: admin.id, name: 'Test admin', role: 'dispatcher', language: 'en', branchIds: [branch!.id] });
    const again = await app.login('admin.demoted', 'password-123');
    expect(await app.call(again, 'favorites.list', {})).toEqual([]);
  });

  it('annex forms are starred only by those who may change the organization, as their screen asks', async () => {
    // A dispatcher reads the organization but may not edit its annex templates: the screen is not theirs to star.
    const d = await userWithRole(app, owner, 'dispatcher', 'disp.annex');
    const before = snapshotDb(app.core);
    expect(await app.raw(d.token, 'favorites.setScreen', { screen: 'annex-forms', on: true })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden', field: 'screen' } });
    expect(snapshotDb(app.core)).toBe(before);
    // …while the organization's own screen, which reading opens, is.
    expect((await app.call(d.token, 'favorites.setScreen', { screen: 'organization', on: true })).map((f) => f.screen)).toEqual(['organization']);

    // An admin's star on annex forms drops out once they are only a dispatcher.
    const admin = await userWithRole(app, owner, 'admin', 'admin.annex');
    expect((await app.call(admin.token, 'favorites.setScreen', { screen: 'annex-forms', on: true })).map((f) => f.screen)).toEqual(['annex-forms']);
    const [branch] = await app.call(owner, 'branches.list', {});
    await app.call(owner, 'users.update', { id: admin.id, name: 'Test admin', role: 'dispatcher', language: 'en', branchIds: [branch!.id] });
    expect(await app.call(await app.login('admin.annex', 'password-123'), 'favorites.list', {})).toEqual([]);
  });

  it('needs a session', async () => {
    expect(await app.raw(null, 'favorites.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
