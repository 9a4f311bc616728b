import type { GridScope } from '../../shared/api/interventions';
import type { ReportEnv } from './context';
import { inScope } from '../api/scope';

/** The grid's filters in words, for the report's subtitle: a printed list must say what it is a list of. */
export async function filterSummary(env: ReportEnv, scope: GridScope): Promise<string> {
  const { fmt, ctx, user } = env;
  const f = scope.filters;
  const parts: string[] = [];
  const name = async (table: 'client' | 'app_user' | 'nomenclature' | 'branch', id: string | null | undefined): Promise<string | null> => {
    if (!id) return null;
    // A branch the reader does not see has no name for them (its rows are filtered out anyway).
    const scope = inScope(user, { org: `${table}.org_id`, branch: table === 'branch' ? 'branch.id' : undefined });
    const r = await ctx.db.selectFrom(table).select('name').where('id', '=', id).where(scope).executeTakeFirst();
    return r?.name ?? null;
  };
  if (f.dateFrom || f.dateTo) parts.push(`${fmt.tr('reports.columns.docDate')}: ${fmt.date(f.dateFrom) || '…'} – ${fmt.date(f.dateTo) || '…'}`);
  const named: [string, 'client' | 'app_user' | 'nomenclature' | 'branch', string | null | undefined][] = [
    ['reports.columns.client', 'client', f.clientId],
    ['reports.columns.takenBy', 'app_user', f.takenById],
    ['reports.columns.responsible', 'app_user', f.responsibleId],
    ['reports.columns.classification', 'nomenclature', f.classificationId],
    ['reports.columns.classification2', 'nomenclature', f.classification2Id],
    ['reports.columns.classification3', 'nomenclature', f.classification3Id],
    ['reports.columns.zone', 'nomenclature', f.zoneId],
    ['reports.form.branch', 'branch', f.branchId],
  ];
  for (const [key, table, id] of named) {
    const n = await name(table, id);
    if (n) parts.push(`${fmt.tr(key)}: ${n}`);
  }
  if (f.address?.trim()) parts.push(`${fmt.tr('reports.columns.address')}: ${f.address.trim()}`);
  if (f.statuses?.length) parts.push(`${fmt.tr('reports.columns.status')}: ${f.statuses.map((s) => fmt.status(s)).join(', ')}`);
  if (f.priorities?.length) parts.push(`${fmt.tr('reports.columns.priority')}: ${f.priorities.map((p) => fmt.priority(p)).join(', ')}`);
  if (f.search?.trim()) parts.push(`«${f.search.trim()}»`);
  return parts.join(' · ');
}
