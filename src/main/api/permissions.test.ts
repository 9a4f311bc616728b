import { describe, expect, it } from 'vitest';
import { api, type ProcName } from '../../shared/api';
import { can, ROLES, type Role } from '../../shared/permissions';
import { loadSessionUser } from '../auth/sessions';
import { createOrg } from '../modules/auth/setup';
import { createBranch, createUser } from '../modules/organization/service';
import { userWithRole, withCtx, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';

const guarded = (Object.keys(api) as ProcName[]).filter((n) => 'module' in api[n].access);
const CLIENT = { kind: 'person' as const, name: 'Anna Liepiņa', phones: [{ number: '29111222' }], emails: [], addresses: [], contacts: [] };

let app: TestApp;
let owner: string;
const tokens = {} as Record<Role, string>;

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  tokens.owner = owner;
  for (const role of ROLES.filter((r) => r !== 'owner')) tokens[role] = (await userWithRole(app, owner, role, `user.${role}`)).token;
});

describe('every procedure checks the permission in main, for every role', () => {
  const cases = guarded.flatMap((name) => ROLES.map((role) => [name, role] as const));
  it.each(cases)('%s as %s', async (name, role) => {
    const access = api[name].access as { module: Parameters<typeof can>[1]; action: Parameters<typeof can>[2] };
    const r = await app.raw(tokens[role], name, {});
    if (can(role, access.module, access.action)) {
      expect(r.ok || r.error.code !== 'forbidden').toBe(true);
    } else {
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } });
    }
  });

  it('refuses every guarded procedure without a session', async () => {
    for (const name of guarded) expect(await app.raw(null, name, {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('what each role may do, done for real', () => {
  it('dispatchers add clients, employees only read them, managers delete', async () => {
    const created = await app.call(tokens.dispatcher, 'clients.create', CLIENT);
    expect(created.client.phones[0]!.number).toBe('+37129111222');
    expect(await app.raw(tokens.employee, 'clients.create', CLIENT)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await app.call(tokens.employee, 'clients.list', {})).total).toBeGreaterThan(0);
    expect(await app.raw(tokens.dispatcher, 'clients.delete', { id: created.client.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.call(tokens.branch_manager, 'clients.delete', { id: created.client.id })).toEqual({ ok: true });
  });

  it('only owners and admins manage users, and nobody grants a role above their own', async () => {
    const [branch] = await app.call(owner, 'branches.list', {});
    const input = { login: 'new.admin', password: 'password-123', name: 'New Admin', role: 'admin' as const, language: 'lv' as const, branchIds: [branch!.id] };
    expect(await app.raw(tokens.branch_manager, 'users.create', input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const made = await app.call(tokens.admin, 'users.create', input);
    expect(made.role).toBe('admin');
    expect(await app.raw(tokens.admin, 'users.create', { ...input, login: 'new.owner', role: 'owner' })).toMatchObject({ ok: false, error: { key: 'errors.role_above_own', field: 'role' } });
    const me = await app.call(tokens.admin, 'auth.me', {});
    expect(await app.raw(tokens.admin, 'users.update', { id: me!.id, name: 'x', role: 'owner', language: 'en', branchIds: [] })).toMatchObject({ ok: false });
  });

  it('only those who approve lock working periods', async () => {
    expect(await app.raw(tokens.branch_manager, 'periods.lock', { month: '2026-10' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.call(tokens.admin, 'periods.lock', { month: '2026-10' })).toEqual({ ok: true });
    const periods = await app.call(tokens.employee, 'periods.list', { year: 2026 });
    expect(periods.find((p) => p.month === '2026-10')).toMatchObject({ locked: true });
  });

  it('a deactivated user is logged out at once', async () => {
    const { token, id } = await userWithRole(app, owner, 'employee', 'leaving.employee');
    expect(await app.call(token, 'auth.me', {})).not.toBeNull();
    await app.call(owner, 'users.setActive', { id, active: false });
    expect(await app.call(token, 'auth.me', {})).toBeNull();
    expect(await app.raw(null, 'auth.login', { login: 'leaving.employee', password: 'password-123' })).toMatchObject({ ok: false });
  });
});

describe('branch scope and organization scope', () => {
  it('non-admins see only their branches, and their branches series', async () => {
    const other = await app.call(owner, 'branches.create', { name: 'Liepāja', timeZone: 'Europe/Riga' });
    await app.call(owner, 'series.create', { docType: 'intervention', branchId: other.id, prefix: 'LIE-', padding: 5, nextNumber: 1 });
    const seen = await app.call(tokens.dispatcher, 'branches.list', {});
    expect(seen.map((b) => b.id)).not.toContain(other.id);
    expect((await app.call(owner, 'branches.list', {})).map((b) => b.id)).toContain(other.id);
    expect((await app.call(tokens.branch_manager, 'series.list', {})).map((s) => s.branchId)).not.toContain(other.id);
    expect(await app.raw(tokens.branch_manager, 'series.create', { docType: 'task', branchId: other.id, prefix: 'T-', padding: 5, nextNumber: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a user sees nothing of another organization', async () => {
    const mine = await app.call(owner, 'clients.create', { ...CLIENT, name: 'Only Ours', phones: [] });
    const stranger = await withCtx(app, null, async (ctx) => {
      const orgId = await createOrg(ctx, { name: 'Other Org', country: 'LT', timeZone: 'Europe/Vilnius', languages: ['lt'] });
      const b = await createBranch(ctx, { name: 'Vilnius', timeZone: 'Europe/Vilnius' }, { orgId });
      return createUser(ctx, { login: 'other.owner', password: 'password-123', name: 'Other Owner', role: 'owner', language: 'lt', branchIds: [b.id] }, { orgId });
    });
    const token = await app.login('other.owner', 'password-123');
    expect((await app.call(token, 'clients.list', {})).total).toBe(0);
    expect(await app.raw(token, 'clients.get', { id: mine.client.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await app.call(token, 'users.list', {})).map((u) => u.login)).toEqual(['other.owner']);
    expect((await app.call(token, 'audit.list', {})).rows.every((r) => r.entityId !== mine.client.id)).toBe(true);
    const ownUsers = await app.call(owner, 'users.list', {});
    expect(await app.raw(token, 'users.setPassword', { id: ownUsers[0]!.id, password: 'hijacked-123' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await loadSessionUser(app.core.db, stranger.id)).toMatchObject({ orgName: 'Other Org' });
  });
});

describe('reference lists and colleagues', () => {
  it('everyone reads the reference lists; only dispatchers and above change them, managers and above delete', async () => {
    for (const [name, input] of [
      ['nomenclature.create', { kind: 'zone', name: 'Zone by a technician' }],
      ['nomenclature.create', { kind: 'intervention_type', name: 'Type by a technician' }],
      ['products.create', { name: 'Product by a technician', isSystem: false }],
    ] as const) {
      expect(await app.raw(tokens.employee, name, input)).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden', params: { module: 'nomenclature' } } });
    }
    const zone = await app.call(tokens.dispatcher, 'nomenclature.create', { kind: 'zone', name: 'Zone North' });
    expect((await app.call(tokens.employee, 'nomenclature.list', { kind: 'zone' })).map((r) => r.id)).toContain(zone.id);
    expect(await app.raw(tokens.employee, 'nomenclature.update', { id: zone.id, version: zone.version, name: 'Renamed', code: null, active: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await app.raw(tokens.employee, 'nomenclature.delete', { id: zone.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.raw(tokens.dispatcher, 'nomenclature.delete', { id: zone.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.call(tokens.branch_manager, 'nomenclature.delete', { id: zone.id })).toEqual({ ok: true });
  });

  it('logins and e-mails go only to those who administer users; the others see their colleagues by name', async () => {
    await app.call(owner, 'users.update', {
      id: (await app.call(owner, 'auth.me', {}))!.id,
      name: 'Ilze Kalniņa',
      email: 'ilze@example.lv',
      role: 'owner',
      language: 'en',
      branchIds: (await app.call(owner, 'branches.list', {})).map((b) => b.id),
    });
    for (const role of ['branch_manager', 'dispatcher', 'employee'] as const) {
      expect(await app.raw(tokens[role], 'users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const colleagues = await app.call(tokens[role], 'users.directory', {});
      expect(colleagues.map((c) => c.name)).toContain('Ilze Kalniņa');
      for (const c of colleagues) expect(Object.keys(c).sort()).toEqual(['active', 'id', 'name']);
    }
    const full = await app.call(tokens.admin, 'users.list', {});
    expect(full.find((u) => u.name === 'Ilze Kalniņa')).toMatchObject({ login: 'owner', email: 'ilze@example.lv' });
  });
});
