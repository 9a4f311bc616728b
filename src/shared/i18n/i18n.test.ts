import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';

type Tree = { [k: string]: string | Tree };
const dir = path.dirname(new URL(import.meta.url).pathname);
const catalogs = Object.fromEntries(LANGUAGES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(dir, `${l}.json`), 'utf8')) as Tree]));

function flatten(t: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))),
  );
}
const flat = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(catalogs[l]!)]));
const en = flat.en!;
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Strings that are the same in a language by nature (brand names, codes). Keep this list short. */
const SAME_EVERYWHERE = new Set<string>([]);

function sourceFiles(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(root, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}
const src = path.resolve(dir, '..', '..');

describe('translations', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key of English, no more, each translated, with the same placeholders', (lng) => {
    const cat = flat[lng]!;
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    const untranslated = Object.keys(en).filter((k) => !SAME_EVERYWHERE.has(k) && cat[k] === en[k] && /\p{L}{2}/u.test(en[k]!));
    expect(untranslated, `untranslated in ${lng}`).toEqual([]);
    for (const k of Object.keys(en)) {
      expect(cat[k]!.trim(), `${lng}:${k} is empty`).not.toBe('');
      expect(placeholders(cat[k]!), `${lng}:${k} placeholders`).toEqual(placeholders(en[k]!));
    }
  });

  it('every literal key the renderer asks for exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(src, 'renderer'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z][\w]*\.[\w.]+)'/g)) if (!(m[1]! in en) && !(`${m[1]}_other` in en)) missing.push(`${path.relative(src, file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('every error key main can answer with exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(src, 'main'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/fail\.\w+\(\s*'([\w]+)'/g)) if (!(`errors.${m[1]}` in en)) missing.push(`${path.relative(src, file)}: errors.${m[1]}`);
      for (const m of text.matchAll(/key: '(errors\.[\w]+)'/g)) if (!(m[1]! in en)) missing.push(`${path.relative(src, file)}: ${m[1]}`);
    }
    for (const m of fs.readFileSync(path.join(src, 'shared', 'api', 'validation.ts'), 'utf8').matchAll(/'(errors\.[\w]+)'/g)) if (!(m[1]! in en)) missing.push(`validation.ts: ${m[1]}`);
    expect(missing).toEqual([]);
  });

  it('every role and module has a name', () => {
    for (const k of ['roles.owner', 'roles.admin', 'roles.branch_manager', 'roles.dispatcher', 'roles.employee', 'modules.clients', 'modules.interventions']) expect(en[k]).toBeTruthy();
  });
});
