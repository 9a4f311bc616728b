import type { Ctx } from '../api/context';
import type { SessionUser } from '../../shared/api/auth';
import type { InterventionDetail } from '../../shared/api/interventions';
import type { Clock } from '../clock';
import { createNomenclature, createProduct } from '../modules/nomenclature';
import {
  addNote,
  cancelIntervention,
  confirmIntervention,
  createIntervention,
  finalizeIntervention,
  updateIntervention,
  uploadsOf,
  validateIntervention,
  type InterventionInput,
} from '../modules/interventions';
import type { NomenclatureKind } from '../../shared/api/nomenclature';
import { CLASSIFICATIONS, CLASSIFICATIONS_2, CLASSIFICATIONS_3, CONTRACT_NAME, ESTIMATE_NAME, INTERVENTION_TYPES, PRODUCTS, VEHICLES, ZONES, type ListItem } from './lists';
import type { DemoPlan, PlannedIntervention, Step } from './plan';
import type { BranchKey } from './staff';
import { loadAnnexTemplates } from './annexForms';
import { demoPhoto, demoReport } from './files';
import { MINUTE } from './slots';

/** What the organization's part of the demo made, by the plan's names. */
export interface DemoIds {
  branches: Record<BranchKey, string>;
  users: Map<string, SessionUser>;
  clients: { id: string; contactId: string | null }[];
}

const fixedClock = (ms: number): Clock => ({ now: () => ms });

/**
 * Writes the planned call centre through the modules' services, each step as the person who did it and at the time
 * it happened: audit entries, series numbers, the quick search and the grid's memory index come out as in real use.
 */
export async function loadCallCentre(base: Ctx, plan: DemoPlan, ids: DemoIds): Promise<void> {
  // Made with the real clock before any step: the upload store keeps the clock it was made with.
  uploadsOf(base.config, base.clock);
  const as = (login: string, ms: number): Ctx => ({ ...base, user: ids.users.get(login)!, clock: fixedClock(ms) });
  const owner = (ms: number) => as('owner', ms);
  const name = (item: ListItem) => item.names[plan.language];

  let t = plan.start + 60 * MINUTE;
  const list = async (kind: NomenclatureKind, items: ListItem[]) => {
    const out: string[] = [];
    for (const item of items) out.push((await createNomenclature(owner((t += MINUTE)), { kind, code: item.code, name: name(item) })).id);
    return out;
  };
  const lists = {
    type: await list('intervention_type', INTERVENTION_TYPES),
    classification: await list('classification', CLASSIFICATIONS),
    classification2: await list('classification2', CLASSIFICATIONS_2),
    classification3: await list('classification3', CLASSIFICATIONS_3),
    zone: { riga: await list('zone', ZONES.riga), yerevan: await list('zone', ZONES.yerevan) },
    vehicle: {
      riga: await list('vehicle', VEHICLES.riga.map((plate) => ({ code: plate, names: { en: plate, lv: plate, ru: plate, lt: plate, ro: plate, hy: plate } }))),
      yerevan: await list('vehicle', VEHICLES.yerevan.map((plate) => ({ code: plate, names: { en: plate, lv: plate, ru: plate, lt: plate, ro: plate, hy: plate } }))),
    },
  };
  await loadAnnexTemplates(owner((t += MINUTE)), plan.language, lists.type);
  const products: string[] = [];
  for (const p of PRODUCTS) products.push((await createProduct(owner((t += MINUTE)), { code: p.code, name: name(p), isSystem: p.isSystem })).id);

  const contracts = new Map<number, string>();
  const estimates = new Map<number, string>();
  const year = new Date(plan.start).getUTCFullYear();
  for (const [i, c] of plan.clients.entries()) {
    const clientId = ids.clients[i]!.id;
    const number = String(i + 1).padStart(3, '0');
    if (c.contract) contracts.set(i, (await createNomenclature(owner((t += MINUTE)), { kind: 'contract', code: `CTR-${year}/${number}`, name: `${CONTRACT_NAME[plan.language]} ${year}/${number}`, clientId })).id);
    if (c.estimate) estimates.set(i, (await createNomenclature(owner((t += MINUTE)), { kind: 'estimate', code: `EST-${number}`, name: `${ESTIMATE_NAME[plan.language]} ${number}`, clientId })).id);
  }

  const files = { photo: { name: 'photo.png', bytes: demoPhoto() }, report: { name: 'work-report.pdf', bytes: demoReport() } };
  for (const iv of plan.interventions) {
    const client = ids.clients[iv.client]!;
    const input: InterventionInput = {
      branchId: ids.branches[iv.branch],
      clientId: client.id,
      contactId: client.contactId,
      priority: iv.priority,
      confirmedReal: false,
      typeId: lists.type[iv.type]!,
      seriesId: null,
      docDate: iv.docDate,
      objectProductId: iv.product === null ? null : products[iv.product]!,
      objectSerial: iv.serial,
      responsibleId: null,
      takenById: null,
      startAt: null,
      endAt: null,
      notes: iv.notes,
      contractId: iv.useContract ? (contracts.get(iv.client) ?? null) : null,
      estimateId: iv.useEstimate ? (estimates.get(iv.client) ?? null) : null,
      vehicleId: null,
      classificationId: lists.classification[iv.classification]!,
      classification2Id: lists.classification2[iv.classification2]!,
      classification3Id: lists.classification3[iv.classification3]!,
      zoneId: lists.zone[iv.branch][iv.zone]!,
    };
    let doc = await createIntervention(as(iv.createdBy, iv.createdAt), iv.allocatedOnCreate ? allocation(input, iv, ids, lists.vehicle[iv.branch]) : input);
    for (const step of iv.steps) doc = await apply(step, doc);
    async function apply(step: Step, d: InterventionDetail): Promise<InterventionDetail> {
      const ctx = as(step.by, step.at);
      switch (step.kind) {
        case 'validate':
          return validateIntervention(ctx, d.id, d.version);
        case 'allocate':
          return updateIntervention(ctx, d.id, d.version, allocation(input, iv, ids, lists.vehicle[iv.branch]));
        case 'confirm':
          return confirmIntervention(ctx, d.id, d.version);
        case 'finalize':
          return finalizeIntervention(ctx, d.id, d.version);
        case 'cancel':
          return cancelIntervention(ctx, d.id, d.version, step.reason);
        case 'note': {
          const file = step.attachment ? files[step.attachment] : null;
          const upload = file ? uploadsOf(ctx.config, ctx.clock).put(ctx.user!.id, null, 0, file.bytes) : null;
          await addNote(ctx, { id: d.id, branch_id: d.branchId, doc_date: d.docDate }, { style: step.style, text: step.text, public: step.public === true, ...(file && upload ? { attachment: { name: file.name, uploadId: upload.uploadId } } : {}) });
          return d;
        }
      }
    }
  }
}

/** The fields a dispatcher fills when giving the call to someone: who, who checks, when, with which van. */
function allocation(input: InterventionInput, iv: PlannedIntervention, ids: DemoIds, vans: string[]): InterventionInput {
  return {
    ...input,
    takenById: ids.users.get(iv.takenBy)!.id,
    responsibleId: ids.users.get(iv.responsible)!.id,
    startAt: new Date(iv.startAt!).toISOString(),
    endAt: new Date(iv.endAt!).toISOString(),
    vehicleId: iv.vehicle === null ? null : vans[iv.vehicle]!,
    confirmedReal: iv.status === 'confirmed' || iv.status === 'finalized',
  };
}
