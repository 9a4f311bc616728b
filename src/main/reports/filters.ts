import type { GridScope } from '../../shared/api/interventions';
import type { ReportEnv } from './context';
import { columnLabel } from './format';
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
  if (f.dateFrom || f.dateTo) parts.push(`${columnLabel(fmt.tr, 'docDate')}: ${fmt.date(f.dateFrom) || '…'} – ${fmt.date(f.dateTo) || '…'}`);
  const named: [string, 'client' | 'app_user' | 'nomenclature' | 'branch', string | null | undefined][] = [
    [columnLabel(fmt.tr, 'client'), 'client', f.clientId],
    [columnLabel(fmt.tr, 'takenBy'), 'app_user', f.takenById],
    [columnLabel(fmt.tr, 'responsible'), 'app_user', f.responsibleId],
    [columnLabel(fmt.tr, 'classification'), 'nomenclature', f.classificationId],
    [columnLabel(fmt.tr, 'classification2'), 'nomenclature', f.classification2Id],
    [columnLabel(fmt.tr, 'classification3'), 'nomenclature', f.classification3Id],
    [columnLabel(fmt.tr, 'zone'), 'nomenclature', f.zoneId],
    [fmt.tr('reports.form.branch'), 'branch', f.branchId],
  ];
  for (const [label, table, id] of named) {
    const n = await name(table, id);
    if (n) parts.push(`${label}: ${n}`);
  }
  if (f.address?.trim()) parts.push(`${columnLabel(fmt.tr, 'address')}: ${f.address.trim()}`);
  if (f.statuses?.length) parts.push(`${columnLabel(fmt.tr, 'status')}: ${f.statuses.map((s) => fmt.status(s)).join(', ')}`);
  if (f.priorities?.length) parts.push(`${columnLabel(fmt.tr, 'priority')}: ${f.priorities.map((p) => fmt.priority(p)).join(', ')}`);
  if (f.search?.trim()) parts.push(`«${f.search.trim()}»`);
  return parts.join(' · ');
}
