import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from './index';

/**
 * Branches sync with each other and may run different versions for a while, so a migration may only add:
 * tables, nullable columns, indexes, triggers. Never drop, rename, retype, or rewrite data in place.
 * (Actual Budget and Signal Desktop keep a test like this one.)
 */

const DIR = path.dirname(fileURLToPath(import.meta.url));
const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.ts$/;

const FORBIDDEN: { rule: string; pattern: RegExp }[] = [
  // Kysely schema builder
  { rule: 'dropTable', pattern: /\.dropTable\s*\(/ },
  { rule: 'dropColumn', pattern: /\.dropColumn\s*\(/ },
  { rule: 'renameColumn', pattern: /\.renameColumn\s*\(/ },
  { rule: 'renameTo', pattern: /\.renameTo\s*\(/ },
  { rule: 'alterColumn', pattern: /\.alterColumn\s*\(/ },
  { rule: 'modifyColumn', pattern: /\.modifyColumn\s*\(/ },
  { rule: 'dropIndex', pattern: /\.dropIndex\s*\(/ },
  { rule: 'dropView', pattern: /\.dropView\s*\(/ },
  { rule: 'dropTrigger', pattern: /\.dropTrigger\s*\(/ },
  { rule: 'dropConstraint', pattern: /\.dropConstraint\s*\(/ },
  // Kysely query builder: rewriting or removing rows
  { rule: 'deleteFrom', pattern: /\.deleteFrom\s*\(/ },
  { rule: 'updateTable', pattern: /\.updateTable\s*\(/ },
  // Raw SQL
  { rule: 'drop', pattern: /\bdrop\s+(table|index|view|trigger|column)\b/i },
  { rule: 'alter table … rename', pattern: /\balter\s+table\s+[\w"`[\].]+\s+rename\b/i },
  { rule: 'alter table … drop', pattern: /\balter\s+table\s+[\w"`[\].]+\s+drop\b/i },
  { rule: 'delete from', pattern: /\bdelete\s+from\b/i },
  { rule: 'update … set', pattern: /\bupdate\s+(or\s+\w+\s+)?[\w"`[\].]+\s+set\b/i },
  { rule: 'replace into', pattern: /\breplace\s+into\b/i },
];

/** Comments may say anything; code may not. */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The rules a migration source breaks, with the offending text. */
export function destructiveStatements(src: string): string[] {
  const code = stripComments(src);
  const found: string[] = [];
  for (const { rule, pattern } of FORBIDDEN) {
    const g = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    for (const hit of code.matchAll(g)) found.push(`${rule}: ${hit[0]}`);
  }
  // A column added to an existing table must be nullable or carry a default, or rows already there break it.
  for (const chain of code.matchAll(/\.alterTable\s*\([\s\S]*?\.execute\s*\(/g)) {
    for (const add of chain[0].matchAll(/\.addColumn\s*\(([^;]*?)\)\s*(?=\.addColumn|\.execute)/g)) {
      if (/notNull\s*\(/.test(add[1]!) && !/defaultTo\s*\(/.test(add[1]!)) found.push(`not-null column without default: ${add[0].trim()}`);
    }
  }
  for (const add of code.matchAll(/\balter\s+table\s+[\w"`[\].]+\s+add\s+(column\s+)?[^;`]*?\bnot\s+null\b[^;`]*/gi)) {
    if (!/\bdefault\b/i.test(add[0])) found.push(`not-null column without default: ${add[0]}`);
  }
  return found;
}

function migrationFiles(): string[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
}

describe('migrations only add', () => {
  it('no migration drops, renames, retypes or rewrites anything', () => {
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    const offences = files.flatMap((f) => destructiveStatements(fs.readFileSync(path.join(DIR, f), 'utf8')).map((o) => `${f}: ${o}`));
    expect(offences).toEqual([]);
  });

  it('the check catches each forbidden change and lets additive ones through', () => {
    const bad = [
      `await db.schema.dropTable('client').execute();`,
      `await db.schema.alterTable('client').dropColumn('notes').execute();`,
      `await db.schema.alterTable('client').renameColumn('notes', 'remarks').execute();`,
      `await db.schema.alterTable('client').renameTo('customer').execute();`,
      `await db.schema.alterTable('client').alterColumn('notes', (c) => c.setDataType('integer')).execute();`,
      `await db.schema.dropIndex('client_org_name').execute();`,
      `await db.deleteFrom('client').execute();`,
      `await db.updateTable('client').set({ notes: null }).execute();`,
      'await sql`DROP TABLE client`.execute(db);',
      'await sql`drop index if exists client_org_name`.execute(db);',
      'await sql`alter table client rename to customer`.execute(db);',
      'await sql`ALTER TABLE client RENAME COLUMN notes TO remarks`.execute(db);',
      'await sql`alter table client drop column notes`.execute(db);',
      'await sql`delete from client where deleted_at is not null`.execute(db);',
      'await sql`UPDATE client SET name_key = lower(name)`.execute(db);',
      `await db.schema.alterTable('client').addColumn('vat', 'text', (c) => c.notNull()).execute();`,
      'await sql`alter table client add column vat text not null`.execute(db);',
    ];
    for (const src of bad) expect(destructiveStatements(src), src).not.toEqual([]);

    const good = [
      `await db.schema.createTable('visit').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute();`,
      `await db.schema.alterTable('client').addColumn('vat', 'text').execute();`,
      `await db.schema.alterTable('client').addColumn('score', 'integer', (c) => c.notNull().defaultTo(0)).execute();`,
      `await db.schema.createIndex('client_vat').on('client').column('vat').execute();`,
      'await sql`create trigger client_fts_au after update of name on client begin insert into client_fts(client_fts, rowid, name) values (\'delete\', old.rowid, old.name); end`.execute(db);',
      'await sql`create trigger client_fts_ad after delete on client begin select 1; end`.execute(db);',
      `// we never drop table client, nor delete from it\nawait db.schema.createIndex('x').on('client').column('name').execute();`,
    ];
    for (const src of good) expect(destructiveStatements(src), src).toEqual([]);
  });
});

describe('the migration list', () => {
  it('names exactly the migration files on disk, in order, each under its own file name', async () => {
    const files = migrationFiles().map((f) => f.replace(/\.ts$/, ''));
    const listed = Object.keys(migrations);
    expect(listed).toEqual([...listed].sort());
    expect(listed).toEqual(files);
    for (const name of listed) {
      const mod = (await import(/* @vite-ignore */ pathToFileURL(path.join(DIR, `${name}.ts`)).href)) as { up?: unknown };
      expect(typeof mod.up, name).toBe('function');
      expect(migrations[name]!.up, `${name} in index.ts is not ./${name}`).toBe(mod.up);
    }
  });

  it('numbers migrations 0001, 0002, … without gaps or repeats', () => {
    const numbers = migrationFiles().map((f) => Number(MIGRATION_FILE.exec(f)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('gives every migration its own test', () => {
    const missing = migrationFiles()
      .map((f) => f.replace(/\.ts$/, '.test.ts'))
      .filter((t) => !fs.existsSync(path.join(DIR, t)));
    expect(missing).toEqual([]);
  });

  it('does not let a migration import application code that may change later', () => {
    for (const f of migrationFiles()) {
      const imports = [...fs.readFileSync(path.join(DIR, f), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      expect(imports.filter((i) => i.startsWith('.')), f).toEqual([]);
    }
  });
});
