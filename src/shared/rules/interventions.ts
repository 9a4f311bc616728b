import type { InterventionDetail, InterventionFields, Priority, Status } from '../api/interventions';

export interface WorkflowFacts {
  startAt: string | null;
  endAt: string | null;
  takenById: string | null;
  responsibleId: string | null;
  assigneeConfirmedAt: string | null;
  finalizedAt: string | null;
  cancelledAt: string | null;
}

/** Allocated once start, end, taken-by and responsible are all set (the seed's definition). */
export function isAllocated(f: WorkflowFacts): boolean {
  return !!(f.startAt && f.endAt && f.takenById && f.responsibleId);
}

/** Status is derived from the document, never typed. */
export function deriveStatus(f: WorkflowFacts): Status {
  if (f.cancelledAt) return 'cancelled';
  if (f.finalizedAt) return 'finalized';
  if (!isAllocated(f)) return 'received';
  return f.assigneeConfirmedAt ? 'confirmed' : 'allocated';
}

export const PRIORITY_RANK: Record<Priority, number> = { low: 1, medium: 2, high: 3 };
export const PRIORITY_BY_RANK: Record<number, Priority> = { 1: 'low', 2: 'medium', 3: 'high' };

/** Monday of the ISO week of a YYYY-MM-DD date, for weekly groups. */
export function weekStart(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/**
 * Distribution of waiting interventions (the seed's routing): highest priority first, oldest first within a priority,
 * each to the person with the fewest waiting; ties go to the earlier person in the list, so the result is repeatable.
 */
export function distribute<T extends { id: string; priority: Priority; docDate: string; branchId?: string }>(
  waiting: T[],
  people: { id: string; load: number; branchIds?: readonly string[] | null }[],
): { id: string; personId: string }[] {
  const load = people.map((p) => ({ ...p }));
  // A person takes only documents of a branch they see (branchIds null or absent: every branch).
  const sees = (p: (typeof load)[number], w: T) => !w.branchId || p.branchIds == null || p.branchIds.includes(w.branchId);
  const ordered = [...waiting].sort((a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || a.docDate.localeCompare(b.docDate) || a.id.localeCompare(b.id));
  const plan: { id: string; personId: string }[] = [];
  for (const w of ordered) {
    let best: (typeof load)[number] | undefined;
    for (const p of load) if (sees(p, w) && (!best || p.load < best.load)) best = p;
    if (!best) continue;
    best.load += 1;
    plan.push({ id: w.id, personId: best.id });
  }
  return plan;
}

/** A document's editable fields as they stand: what an assistant changes a few of, and what the form starts from. */
export function editableFields(d: InterventionDetail): { [K in keyof InterventionFields]-?: Exclude<InterventionFields[K], undefined> } {
  return {
    branchId: d.branchId,
    clientId: d.clientId,
    contactId: d.contactId,
    priority: d.priority,
    confirmedReal: d.confirmedReal,
    typeId: d.typeId,
    seriesId: d.seriesId,
    docDate: d.docDate,
    objectProductId: d.objectProductId,
    objectSerial: d.objectSerial,
    responsibleId: d.responsibleId,
    takenById: d.takenById,
    startAt: d.startAt,
    endAt: d.endAt,
    notes: d.notes,
    contractId: d.contractId,
    estimateId: d.estimateId,
    vehicleId: d.vehicleId,
    classificationId: d.classificationId,
    classification2Id: d.classification2Id,
    classification3Id: d.classification3Id,
    zoneId: d.zoneId,
  };
}
