import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columns, migratedUpTo, plan, schemaNames, type MigratedDb } from '../src/main/testing/migrations';

let m: MigratedDb;
beforeEach(async () => {
  m = await migratedUpTo('0001_foundation');
});
afterEach(async () => m.close());

const T = '2026-11-23T09:00:00.000Z';
const stamps = { created_at: T, updated_at: T };

function insert(table: string, row: Record<string, unknown>) {
  const keys = Object.keys(row);
  m.sqlite.prepare(`insert into ${table} (${keys.join(', ')}) values (${keys.map((k) => `@${k}`).join(', ')})`).run(row);
}

function baseRows() {
  insert('org', { id: 'o1', name: 'Serviss', country: 'LV', time_zone: 'Europe/Riga', languages: '["lv"]', ...stamps });
  insert('branch', { id: 'b1', org_id: 'o1', name: 'Rīga', time_zone: 'Europe/Riga', ...stamps });
  insert('app_user', { id: 'u1', org_id: 'o1', login: 'Owner', password_hash: 'x', name: 'Ilze', role: 'owner', language: 'lv', ...stamps });
}

describe('0001_foundation', () => {
  it('creates the foundation tables and indexes, and nothing else', () => {
    expect(schemaNames(m.sqlite, 'table')).toEqual(['app_user', 'audit_log', 'branch', 'doc_series', 'login_attempt', 'module_setting', 'org', 'session', 'user_branch', 'work_period']);
    expect(schemaNames(m.sqlite, 'index')).toEqual([
      'app_user_login',
      'app_user_org',
      'audit_entity',
      'audit_org_at',
      'audit_user_at',
      'branch_org',
      'doc_series_prefix',
      'doc_series_type',
      'module_setting_key',
      'session_expires',
      'user_branch_user',
      'work_period_month',
    ]);
    expect(schemaNames(m.sqlite, 'trigger')).toEqual([]);
  });

  it('gives every synced table its id, stamps, tombstone and version', () => {
    for (const table of ['org', 'branch', 'app_user', 'user_branch', 'module_setting', 'work_period', 'doc_series']) {
      const cols = Object.fromEntries(columns(m.sqlite, table).map((c) => [c.name, c]));
      expect(cols.id, table).toMatchObject({ type: 'TEXT', pk: 1 });
      expect(cols.created_at, table).toMatchObject({ type: 'TEXT', notnull: 1 });
      expect(cols.updated_at, table).toMatchObject({ type: 'TEXT', notnull: 1 });
      expect(cols.deleted_at, table).toMatchObject({ type: 'TEXT', notnull: 0 });
      expect(cols.version, table).toMatchObject({ type: 'INTEGER', notnull: 1, dflt_value: '1' });
      if (table !== 'org') expect(cols.org_id, table).toMatchObject({ notnull: 1 });
    }
    // Sessions and failed logins belong to this installation only: not synced.
    expect(columns(m.sqlite, 'session').map((c) => c.name)).not.toContain('version');
    expect(columns(m.sqlite, 'login_attempt').map((c) => c.name)).not.toContain('version');
  });

  it('fills defaults: version 1, users and series active, periods open', () => {
    baseRows();
    insert('doc_series', { id: 's1', org_id: 'o1', branch_id: 'b1', doc_type: 'intervention', prefix: 'RIX-', padding: 6, next_number: 1, ...stamps });
    insert('work_period', { id: 'p1', org_id: 'o1', month: '2026-11', ...stamps });
    expect(m.sqlite.prepare('select version, active from app_user').get()).toEqual({ version: 1, active: 1 });
    expect(m.sqlite.prepare('select version, active from doc_series').get()).toEqual({ version: 1, active: 1 });
    expect(m.sqlite.prepare('select locked from work_period').pluck().get()).toBe(0);
  });

  it('keeps logins unique across the file, whatever their case, and finds them through the index', () => {
    baseRows();
    insert('org', { id: 'o2', name: 'Other', country: 'LT', time_zone: 'Europe/Vilnius', languages: '["lt"]', ...stamps });
    const other = { id: 'u2', org_id: 'o2', login: 'owner', password_hash: 'x', name: 'Jonas', role: 'owner', language: 'lt', ...stamps };
    expect(() => insert('app_user', other)).toThrow(/UNIQUE constraint failed/);
    insert('app_user', { ...other, login: 'owner2' });
    expect(plan(m.sqlite, 'select id from app_user where lower(login) = ?', 'owner')).toMatch(/USING INDEX app_user_login/);
  });

  it('enforces references between organization, branches, users and series', () => {
    baseRows();
    expect(() => insert('branch', { id: 'b2', org_id: 'nope', name: 'X', time_zone: 'Europe/Riga', ...stamps })).toThrow(/FOREIGN KEY/);
    expect(() => insert('user_branch', { id: 'ub1', org_id: 'o1', user_id: 'u1', branch_id: 'nope', ...stamps })).toThrow(/FOREIGN KEY/);
    expect(() => insert('doc_series', { id: 's1', org_id: 'o1', branch_id: 'nope', doc_type: 'task', prefix: 'T', padding: 4, next_number: 1, ...stamps })).toThrow(/FOREIGN KEY/);
    expect(() => insert('session', { token_hash: 'h', user_id: 'nope', created_at: T, last_seen_at: T, expires_at: T })).toThrow(/FOREIGN KEY/);
    insert('user_branch', { id: 'ub1', org_id: 'o1', user_id: 'u1', branch_id: 'b1', ...stamps });
    expect(() => insert('user_branch', { id: 'ub2', org_id: 'o1', user_id: 'u1', branch_id: 'b1', ...stamps })).toThrow(/UNIQUE/);
  });

  it('keeps one series per prefix and document type, one setting per key, one row per month', () => {
    baseRows();
    const series = { org_id: 'o1', branch_id: 'b1', doc_type: 'intervention', prefix: 'RIX-', padding: 6, next_number: 1, ...stamps };
    insert('doc_series', { id: 's1', ...series });
    expect(() => insert('doc_series', { id: 's2', ...series })).toThrow(/UNIQUE/);
    insert('doc_series', { id: 's3', ...series, doc_type: 'invoice' });

    const setting = { org_id: 'o1', module: 'clients', key: 'audit_level', value: 'detailed', ...stamps };
    insert('module_setting', { id: 'm1', ...setting });
    expect(() => insert('module_setting', { id: 'm2', ...setting, value: 'basic' })).toThrow(/UNIQUE/);

    insert('work_period', { id: 'p1', org_id: 'o1', month: '2026-11', ...stamps });
    expect(() => insert('work_period', { id: 'p2', org_id: 'o1', month: '2026-11', ...stamps })).toThrow(/UNIQUE/);
  });

  it('answers the audit log, session and login queries from indexes', () => {
    expect(plan(m.sqlite, `select * from audit_log where org_id = ? order by at desc limit 50`, 'o1')).toMatch(/USING INDEX audit_org_at/);
    expect(plan(m.sqlite, `select * from audit_log where entity_id = ? order by at desc`, 'e1')).toMatch(/USING INDEX audit_entity/);
    expect(plan(m.sqlite, `select * from audit_log where user_id = ? and at >= ?`, 'u1', T)).toMatch(/USING INDEX audit_user_at/);
    expect(plan(m.sqlite, `delete from session where expires_at <= ?`, T)).toMatch(/USING (COVERING )?INDEX session_expires/);
    expect(plan(m.sqlite, `select * from login_attempt where login = ?`, 'owner')).toMatch(/USING INDEX sqlite_autoindex_login_attempt_1/);
  });
});
