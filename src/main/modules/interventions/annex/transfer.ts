import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { ANNEX_FILE_FORMAT, ANNEX_FILE_VERSION, annexFile, type AnnexFile } from '../../../../shared/api/annexForms';
import { foldKey } from '../../../../shared/rules/text';
import { checkTemplate } from './language';
import { listTemplates, getTemplate, templateNamed } from './templates';
import { annexTemplateRows } from './tables';

/** Every template of the organization as the file holds them: types by name, bodies as written. */
export async function exportTemplates(ctx: Ctx): Promise<AnnexFile> {
  const rows = await listTemplates(ctx);
  const templates = [];
  for (const r of rows) templates.push({ name: r.name, type: r.type, body: (await getTemplate(ctx, r.id)).body });
  return { format: ANNEX_FILE_FORMAT, version: ANNEX_FILE_VERSION, templates };
}

const bad = (key: string, params?: Record<string, string | number>) => fail.validation(key, 'content', params);

/** The file read and checked whole before anything is written: a bad file is refused with what is wrong in it. */
export function readAnnexFile(content: string): AnnexFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw bad('annex_file_invalid');
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== ANNEX_FILE_FORMAT) throw bad('annex_file_invalid');
  if (head.version !== ANNEX_FILE_VERSION) throw bad('annex_file_version', { version: String(head.version ?? '') });
  const parsed = annexFile.safeParse(json);
  if (!parsed.success) throw bad('annex_file_invalid');
  const seen = new Set<string>();
  for (const t of parsed.data.templates) {
    const key = t.name.toLowerCase();
    if (seen.has(key)) throw bad('annex_file_duplicate', { name: t.name });
    seen.add(key);
    try {
      checkTemplate(t.body, 'content');
    } catch {
      throw bad('annex_file_template', { name: t.name });
    }
  }
  return parsed.data;
}

/** The organization's intervention type of that name, or a refusal naming it: a file may not invent types. */
async function typeNamed(ctx: Ctx, name: string | null): Promise<string | null> {
  if (!name) return null;
  const t = await ctx.db
    .selectFrom('nomenclature')
    .select('id')
    .where('org_id', '=', me(ctx).orgId)
    .where('kind', '=', 'intervention_type')
    .where('deleted_at', 'is', null)
    .where('name_key', '=', foldKey(name))
    .executeTakeFirst();
  if (!t) throw bad('annex_file_type_unknown', { name });
  return t.id;
}

/**
 * Templates of a file: one of the same name is replaced, the others are added. Everything is checked before the first
 * write, and the call is one transaction, so a file refused part-way changes nothing.
 */
export async function importTemplates(ctx: Ctx, content: string): Promise<{ created: number; updated: number }> {
  const file = readAnnexFile(content);
  const planned = [];
  for (const t of file.templates) planned.push({ ...t, typeId: await typeNamed(ctx, t.type), existing: await templateNamed(ctx, t.name) });
  const rows = annexTemplateRows.in(ctx);
  let created = 0;
  let updated = 0;
  for (const t of planned) {
    if (!t.existing) {
      await rows.insert({ name: t.name, type_id: t.typeId, body: t.body });
      created++;
    } else if (t.existing.body !== t.body || t.existing.type_id !== t.typeId || t.existing.name !== t.name) {
      await rows.update(t.existing, { name: t.name, type_id: t.typeId, body: t.body });
      updated++;
    }
  }
  return { created, updated };
}
