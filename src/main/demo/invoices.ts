import type { Ctx } from '../api/context';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import { createSeries } from '../modules/series';
import { approveInvoice, generateMonth, markExported, saveInvoiceSettings, saveMaterial } from '../modules/invoices';
import { random } from '../../shared/random';

const fixedClock = (ms: number): Clock => ({ now: () => ms });

/** Materials a service company's technicians use, in the demo's language (English where it has none of its own). */
const MATERIALS: Partial<Record<Language, string[]>> & { en: string[] } = {
  en: ['Ball valve ½"', 'Copper pipe 15 mm', 'Thermostat', 'Sealing tape', 'Filter cartridge', 'Fuse 16 A'],
  lv: ['Lodveida vārsts ½"', 'Vara caurule 15 mm', 'Termostats', 'Blīvlente', 'Filtra kasetne', 'Drošinātājs 16 A'],
  lt: ['Rutulinis ventilis ½"', 'Varinis vamzdis 15 mm', 'Termostatas', 'Sandarinimo juosta', 'Filtro kasetė', 'Saugiklis 16 A'],
  ru: ['Шаровой кран ½"', 'Медная труба 15 мм', 'Термостат', 'Уплотнительная лента', 'Фильтрующий картридж', 'Предохранитель 16 А'],
};
const UNITS = ['H87', 'MTR', 'H87', 'H87', 'H87', 'H87'];
const PRICES = [1250, 890, 4500, 320, 1575, 240];

export interface DemoInvoicesInput {
  seed: number;
  now: number;
  language: Language;
  owner: SessionUser;
  branches: { id: string; prefix: string }[];
}

function monthOf(ms: number, back: number): string {
  const d = new Date(ms);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
  return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The month-end as a manager does it: the materials the done tasks used (as of the day they were done), last month's
 * invoices generated, approved and handed to the accountant (exported), and this month's drafts waiting for review.
 */
export async function loadInvoices(base: Ctx, o: DemoInvoicesInput): Promise<void> {
  const as = (ms: number): Ctx => ({ ...base, user: o.owner, clock: fixedClock(ms), emit: () => undefined, emitNow: () => undefined });
  const owner = as(o.now);
  for (const b of o.branches) await createSeries(owner, { docType: 'invoice', branchId: b.id, prefix: b.prefix, padding: 5, nextNumber: 1 });
  await saveInvoiceSettings(owner, { currency: 'EUR', vatBp: 2100, paymentDays: 14, sellerName: 'Planora Demo Serviss SIA', sellerCode: '40003000001', sellerVatId: 'LV40003000001', sellerAddress: 'Brīvības iela 100', sellerCity: 'Rīga', sellerPostalCode: 'LV-1001', sellerCountry: 'LV', iban: 'LV80 BANK 0000 4351 9500 1', email: 'rekini@demo.planora.test' });

  const rnd = random(o.seed + 18).next;
  const names = MATERIALS[o.language] ?? MATERIALS.en;
  const from = `${monthOf(o.now, 1)}-01`;
  const done = await base.db.selectFrom('task').select(['id', 'done_at']).where('org_id', '=', o.owner.orgId).where('status', '=', 'done').where('deleted_at', 'is', null).where('done_at', '>=', from).orderBy('done_at').orderBy('id').execute();
  for (const t of done) {
    const n = Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) {
      const i = Math.floor(rnd() * names.length);
      await saveMaterial(as(Date.parse(t.done_at!) - 60_000), { taskId: t.id, name: names[i]!, quantityMilli: (1 + Math.floor(rnd() * 3)) * 1000, unit: UNITS[i]!, unitPriceMinor: PRICES[i]! });
    }
  }

  await generateMonth(owner, { month: monthOf(o.now, 1) });
  const last = await base.db.selectFrom('invoice').selectAll().where('org_id', '=', o.owner.orgId).where('month', '=', monthOf(o.now, 1)).where('deleted_at', 'is', null).orderBy('client_name').execute();
  for (const inv of last) {
    const lines = await base.db.selectFrom('invoice_line').select('missing_rate').where('invoice_id', '=', inv.id).where('deleted_at', 'is', null).execute();
    if (!lines.some((l) => l.missing_rate === 1)) await approveInvoice(owner, inv.id, inv.version);
  }
  const approved = await base.db.selectFrom('invoice').selectAll().where('org_id', '=', o.owner.orgId).where('month', '=', monthOf(o.now, 1)).where('status', '=', 'approved').where('deleted_at', 'is', null).execute();
  await markExported(owner, approved);
  await generateMonth(owner, { month: monthOf(o.now, 0) });
}
