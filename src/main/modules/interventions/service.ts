import { sql, type Selectable } from 'kysely';
import type { InterventionTable } from '../../db/schema';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { isoNow } from '../../clock';
import { can } from '../../../shared/permissions';
import type { InterventionDetail, Priority, Status, interventionFields } from '../../../shared/api/interventions';
import { deriveStatus, PRIORITY_BY_RANK, PRIORITY_RANK } from '../../../shared/rules/interventions';
import { foldKey } from '../../../shared/rules/text';
import { dateWindow, withinWindow } from '../../../shared/rules/dateWindow';
import { reindex } from './reindex';
import type { z } from 'zod';
import { wakeWarnings } from './warnings/wake';
import { approvalRows, interventionRows } from './tables';
import { getClient } from '../clients';
import { getBranch } from '../organization';
import { assertAssignable, loadInScope } from '../../api/scope';
import { assertPeriodOpen } from '../periods';
import { defaultSeriesId, takeNumbering } from '../series';
import { seriesName } from '../../../shared/rules/series';
import { wallClock } from '../../../shared/rules/zonedTime';
import { assertWritable, readSettings } from './settings';
import { interventionIndex } from './gridIndex';
import { loadTimeline } from './notes';
import { interventionChanged, type InterventionChange } from './notify';

export type InterventionInput = z.output<z.ZodObject<typeof interventionFields>>;
type Row = Selectable<InterventionTable>;

export async function loadRow(ctx: Ctx, id: string, field = 'id'): Promise<Row> {
  return interventionRows.in(ctx).load(id, { key: 'intervention_not_found', field });
}

export async function toDetail(ctx: Ctx, r: Row): Promise<InterventionDetail> {
  const series = r.series_id ? await ctx.db.selectFrom('doc_series').select('prefix').where('id', '=', r.series_id).executeTakeFirst() : undefined;
  const branch = await ctx.db.selectFrom('branch').select('time_zone').where('id', '=', r.branch_id).executeTakeFirst();
  const pending = await ctx.db.selectFrom('approval').select('kind').where('entity_id', '=', r.id).where('decision', 'is', null).executeTakeFirst();
  const info = [r.client_name, r.client_fiscal_code, r.client_phone, r.client_email, [r.address, r.locality, r.county, r.country].filter(Boolean).join(', ')].filter(Boolean).join(' · ');
  return {
    id: r.id,
    branchId: r.branch_id,
    seriesId: r.series_id,
    series: series ? seriesName(series.prefix) : null,
    number: r.number,
    provisionalNumber: r.provisional_number,
    docDate: r.doc_date,
    clientId: r.client_id,
    clientInfo: info,
    contactId: r.contact_id,
    priority: PRIORITY_BY_RANK[r.priority] as Priority,
    confirmedReal: r.confirmed_real === 1,
    typeId: r.type_id,
    objectProductId: r.object_product_id,
    objectSerial: r.object_serial,
    responsibleId: r.responsible_id,
    takenById: r.taken_by_id,
    startAt: r.start_at,
    endAt: r.end_at,
    status: r.status as Status,
    assigneeConfirmedAt: r.assignee_confirmed_at,
    finalizedAt: r.finalized_at,
    valid: r.valid === 1,
    validatedAt: r.validated_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    notes: r.notes,
    contractId: r.contract_id,
    estimateId: r.estimate_id,
    vehicleId: r.vehicle_id,
    classificationId: r.classification_id,
    classification2Id: r.classification2_id,
    classification3Id: r.classification3_id,
    zoneId: r.zone_id,
    pendingApproval: (pending?.kind as 'cancel' | 'finalize' | undefined) ?? null,
    timeline: await loadTimeline(ctx, r.id),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    timeZone: branch?.time_zone ?? 'UTC',
    updatedBy: await savedBy(ctx, r),
  };
}

/** The change record knows who wrote each version (index change_log_row), so the row needs no column of its own. */
async function savedBy(ctx: Ctx, r: Row): Promise<string | null> {
  const found = await ctx.db
    .selectFrom('change_log as c')
    .innerJoin('app_user as u', 'u.id', 'c.user_id')
    .select('u.name')
    .where('c.table_name', '=', 'intervention')
    .where('c.row_id', '=', r.id)
    .where('c.version', '=', r.version)
    .executeTakeFirst();
  return found?.name ?? null;
}

const NOMENCLATURE_FIELDS = [
  ['typeId', 'intervention_type'],
  ['vehicleId', 'vehicle'],
  ['classificationId', 'classification'],
  ['classification2Id', 'classification2'],
  ['classification3Id', 'classification3'],
  ['zoneId', 'zone'],
  ['contractId', 'contract'],
  ['estimateId', 'estimate'],
] as const;

function localTime(iso: string | null | undefined, tz: string): string | null {
  return iso ? wallClock(iso, tz) : null;
}

/** Checks every reference of the input against the caller's organization and turns it into columns. */
async function resolve(ctx: Ctx, input: InterventionInput) {
  const user = me(ctx);
  const branch = await getBranch(ctx, input.branchId, 'branchId');
  const client = await getClient(ctx, input.clientId);
  if (input.contactId && !client.contacts.some((c) => c.id === input.contactId)) throw fail.validation('contact_not_of_client', 'contactId');
  for (const [field, kind] of NOMENCLATURE_FIELDS) {
    const value = input[field];
    if (!value) continue;
    const found = await ctx.db.selectFrom('nomenclature').select(['kind', 'client_id']).where('id', '=', value).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!found || found.kind !== kind) throw fail.validation('nomenclature_not_found', field);
    if (found.client_id && found.client_id !== input.clientId) throw fail.validation('contract_not_of_client', field);
  }
  if (input.objectProductId) {
    const p = await ctx.db.selectFrom('product').select('id').where('id', '=', input.objectProductId).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!p) throw fail.validation('product_not_found', 'objectProductId');
  }
  for (const field of ['takenById', 'responsibleId'] as const) {
    const v = input[field];
    if (v) await assertAssignable(ctx.db, user, v, branch.id, field);
  }
  if (input.seriesId) {
    const s = await loadInScope(ctx.db, user, 'doc_series', input.seriesId, { key: 'series_not_found', field: 'seriesId' });
    if (s.doc_type !== 'intervention' || s.branch_id !== input.branchId) throw fail.validation('series_not_found', 'seriesId');
  }
  if (input.startAt && input.endAt && Date.parse(input.endAt) <= Date.parse(input.startAt)) throw fail.validation('end_before_start', 'endAt');
  const address = client.addresses[0];
  const street = address ? address.street : null;
  return {
    branch_id: branch.id,
    series_id: input.seriesId ?? null,
    doc_date: input.docDate,
    client_id: client.id,
    contact_id: input.contactId ?? null,
    priority: PRIORITY_RANK[input.priority],
    confirmed_real: input.confirmedReal ? 1 : 0,
    type_id: input.typeId ?? null,
    object_product_id: input.objectProductId ?? null,
    object_serial: input.objectSerial || null,
    responsible_id: input.responsibleId ?? null,
    taken_by_id: input.takenById ?? null,
    start_at: input.startAt ?? null,
    end_at: input.endAt ?? null,
    start_local: localTime(input.startAt, branch.time_zone),
    end_local: localTime(input.endAt, branch.time_zone),
    notes: input.notes || null,
    contract_id: input.contractId ?? null,
    estimate_id: input.estimateId ?? null,
    vehicle_id: input.vehicleId ?? null,
    classification_id: input.classificationId ?? null,
    classification2_id: input.classification2Id ?? null,
    classification3_id: input.classification3Id ?? null,
    zone_id: input.zoneId ?? null,
    client_name: client.name,
    client_name_key: foldKey(client.name),
    client_fiscal_code: client.fiscalCode,
    client_phone: client.phones[0]?.number ?? null,
    client_email: client.emails[0]?.address ?? null,
    address: street,
    address_key: street ? foldKey(street) : null,
    locality: address?.locality ?? null,
    county: address?.county ?? null,
    country: address?.country ?? null,
  };
}

/** After the funnel has written it: the quick search, the memory index and the mail notices follow. */
async function finish(ctx: Ctx, id: string, change: InterventionChange, before: Row | null): Promise<InterventionDetail> {
  const { rid, ...after } = await ctx.db.selectFrom('intervention').selectAll().select(sql<number>`rowid`.as('rid')).where('id', '=', id).executeTakeFirstOrThrow();
  await reindex(ctx, { ...after, rid });
  const detail = await toDetail(ctx, after);
  await interventionChanged(ctx, change, detail, before?.status as Status | undefined);
  // A document saved already late (an end in the past) is warned about at once, not at the next minute.
  ctx.afterCommit(() => wakeWarnings(ctx.config));
  return detail;
}

/** A workflow step is audited as a change of status. */
const STEP = { audit: { action: 'status' as const } };

function statusOf(cols: Pick<Row, 'start_at' | 'end_at' | 'taken_by_id' | 'responsible_id' | 'assignee_confirmed_at' | 'finalized_at' | 'cancelled_at'>): Status {
  return deriveStatus({
    startAt: cols.start_at,
    endAt: cols.end_at,
    takenById: cols.taken_by_id,
    responsibleId: cols.responsible_id,
    assigneeConfirmedAt: cols.assignee_confirmed_at,
    finalizedAt: cols.finalized_at,
    cancelledAt: cols.cancelled_at,
  });
}

/** A date a document newly takes must lie in the window around today (kept dates of old documents stay). */
function assertDatesInWindow(ctx: Ctx, input: InterventionInput, before?: Row): void {
  const bounds = dateWindow(isoNow(ctx.clock).slice(0, 10), ctx.config.documentDates);
  const dates = [
    ['docDate', input.docDate, before?.doc_date],
    ['startAt', input.startAt, before?.start_at],
    ['endAt', input.endAt, before?.end_at],
  ] as const;
  for (const [field, value, kept] of dates) {
    if (value && value !== kept && !withinWindow(value, bounds)) throw fail.validation('date_out_of_range', field, bounds);
  }
}

export async function createIntervention(ctx: Ctx, input: InterventionInput): Promise<InterventionDetail> {
  await assertWritable(ctx);
  assertDatesInWindow(ctx, input);
  await assertPeriodOpen(ctx, input.docDate, 'docDate');
  const cols = await resolve(ctx, input);
  const flow = { assignee_confirmed_at: null, finalized_at: null, cancelled_at: null };
  const status = statusOf({ ...cols, ...flow });
  const allocated_at = status === 'allocated' ? isoNow(ctx.clock) : null;
  const { id } = await interventionRows.in(ctx).insert({ ...cols, ...flow, status, allocated_at, number: null, valid: 0, validated_at: null, cancel_reason: null });
  return finish(ctx, id, 'created', null);
}

function checkVersion(row: Row, version: number): void {
  if (row.version !== version) throw fail.conflict('stale', 'version');
}

function checkOpen(row: Row): void {
  if (row.cancelled_at) throw fail.conflict('intervention_cancelled');
  if (row.finalized_at) throw fail.conflict('intervention_finalized');
}

export async function updateIntervention(ctx: Ctx, id: string, version: number, input: InterventionInput): Promise<InterventionDetail> {
  await assertWritable(ctx);
  const before = await loadRow(ctx, id);
  checkVersion(before, version);
  checkOpen(before);
  assertDatesInWindow(ctx, input, before);
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  await assertPeriodOpen(ctx, input.docDate, 'docDate');
  const cols = await resolve(ctx, input);
  if (before.valid && (cols.doc_date !== before.doc_date || cols.client_id !== before.client_id || (cols.series_id ?? before.series_id) !== before.series_id || cols.branch_id !== before.branch_id)) {
    throw fail.conflict('intervention_valid_locked', cols.doc_date !== before.doc_date ? 'docDate' : 'clientId');
  }
  if (before.valid) cols.series_id = before.series_id;
  // A new person or time needs a new confirmation from whoever takes it.
  const reallocated = cols.taken_by_id !== before.taken_by_id || cols.start_at !== before.start_at || cols.end_at !== before.end_at;
  const flow = { assignee_confirmed_at: reallocated ? null : before.assignee_confirmed_at, finalized_at: null, cancelled_at: null };
  const status = statusOf({ ...cols, ...flow });
  await interventionRows.in(ctx).update(before, { ...cols, ...flow, status, allocated_at: allocatedAt(ctx, before, status, reallocated) });
  return finish(ctx, id, 'updated', before);
}

/** When the "not confirmed within N hours" clock started: at the allocation, again at a new person or time. */
function allocatedAt(ctx: Ctx, before: Row, status: Status, reallocated: boolean): string | null {
  if (status === 'received') return null;
  if (status === 'allocated' && (reallocated || before.status === 'received' || !before.allocated_at)) return isoNow(ctx.clock);
  return before.allocated_at;
}

export async function confirmIntervention(ctx: Ctx, id: string, version: number): Promise<InterventionDetail> {
  await assertWritable(ctx);
  const user = me(ctx);
  const before = await loadRow(ctx, id);
  checkVersion(before, version);
  checkOpen(before);
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  if (before.status !== 'allocated') throw fail.conflict(before.status === 'confirmed' ? 'intervention_already_confirmed' : 'intervention_not_allocated');
  if (before.taken_by_id !== user.id && !can(user.role, 'interventions', 'approve')) throw fail.forbidden('not_assignee');
  await interventionRows.in(ctx).update(before, { assignee_confirmed_at: isoNow(ctx.clock), status: 'confirmed' }, STEP);
  return finish(ctx, id, 'confirmed', before);
}

async function requestApproval(ctx: Ctx, row: Row, kind: 'cancel' | 'finalize', reason: string | null): Promise<boolean> {
  const user = me(ctx);
  if (!(await readSettings(ctx)).approvals || can(user.role, 'interventions', 'approve')) return false;
  const open = await ctx.db.selectFrom('approval').select('id').where('entity_id', '=', row.id).where('decision', 'is', null).executeTakeFirst();
  if (open) throw fail.conflict('approval_pending');
  await approvalRows.in(ctx).insert({
    branch_id: row.branch_id,
    entity: 'intervention',
    entity_id: row.id,
    kind,
    reason,
    requested_by: user.id,
    requested_at: isoNow(ctx.clock),
    decided_by: null,
    decided_at: null,
    decision: null,
  });
  return true;
}

export async function applyFinalize(ctx: Ctx, before: Row): Promise<InterventionDetail> {
  await interventionRows.in(ctx).update(before, { finalized_at: isoNow(ctx.clock), status: 'finalized' }, STEP);
  return finish(ctx, before.id, 'finalized', before);
}

export async function applyCancel(ctx: Ctx, before: Row, reason: string): Promise<InterventionDetail> {
  const summary = `${before.number ?? before.doc_date} ${before.client_name}: cancelled (${reason})`;
  await interventionRows.in(ctx).update(before, { cancelled_at: isoNow(ctx.clock), cancel_reason: reason, status: 'cancelled' }, { audit: { action: 'status', summary } });
  return finish(ctx, before.id, 'cancelled', before);
}

export async function finalizeIntervention(ctx: Ctx, id: string, version: number): Promise<InterventionDetail> {
  await assertWritable(ctx);
  const before = await loadRow(ctx, id);
  checkVersion(before, version);
  checkOpen(before);
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  if (before.status !== 'confirmed') throw fail.conflict('intervention_not_confirmed');
  if (await requestApproval(ctx, before, 'finalize', null)) return toDetail(ctx, before);
  return applyFinalize(ctx, before);
}

export async function cancelIntervention(ctx: Ctx, id: string, version: number, reason: string): Promise<InterventionDetail> {
  await assertWritable(ctx);
  const before = await loadRow(ctx, id);
  checkVersion(before, version);
  checkOpen(before);
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  if (await requestApproval(ctx, before, 'cancel', reason)) return toDetail(ctx, before);
  return applyCancel(ctx, before, reason);
}

/** Validation numbers the document from its series (or the branch's first active one) inside this transaction. */
export async function validateIntervention(ctx: Ctx, id: string, version: number): Promise<InterventionDetail> {
  await assertWritable(ctx);
  const before = await loadRow(ctx, id);
  checkVersion(before, version);
  if (before.cancelled_at) throw fail.conflict('intervention_cancelled');
  if (before.valid) throw fail.conflict('intervention_already_valid');
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  const seriesId = before.series_id ?? (await defaultSeriesId(ctx, before.org_id, before.branch_id, 'intervention'));
  if (!seriesId) throw fail.validation('series_missing', 'seriesId');
  const { number, provisional_number } = await takeNumbering(ctx, seriesId);
  await interventionRows.in(ctx).update(before, { series_id: seriesId, number, provisional_number, valid: 1, validated_at: isoNow(ctx.clock) }, { audit: { action: 'status', summary: `${number} ${before.client_name}: valid` } });
  return finish(ctx, id, 'validated', before);
}

/** Numbered documents are cancelled, never deleted: a gap in the series would be unexplained. */
export async function deleteIntervention(ctx: Ctx, id: string): Promise<void> {
  await assertWritable(ctx);
  const before = await loadRow(ctx, id);
  if (before.valid) throw fail.conflict('intervention_valid_delete');
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  await interventionRows.in(ctx).remove(before);
  await finish(ctx, id, 'deleted', before);
}

export { PRIORITY_BY_RANK };
