import { me, type Ctx } from '../../api/context';
import { invoiceSettings, type InvoiceSettings } from '../../../shared/api/invoices';
import { invoiceSettingRows } from './tables';
import { fail } from '../../api/errors';
import { normalIban } from '../../../shared/rules/invoices/iban';

const KEY = 'settings';
export type SettingsValues = Omit<InvoiceSettings, 'version'>;

/** Lithuania's standard rate, payment in 14 days, euros: what a new organization starts from until it says otherwise. */
export const DEFAULT_SETTINGS: SettingsValues = {
  currency: 'EUR',
  vatBp: 2100,
  paymentDays: 14,
  sellerName: null,
  sellerCode: null,
  sellerVatId: null,
  sellerAddress: null,
  sellerCity: null,
  sellerPostalCode: null,
  sellerCountry: null,
  iban: null,
  email: null,
};

async function settingRow(ctx: Pick<Ctx, 'db'>, orgId: string) {
  return ctx.db.selectFrom('module_setting').selectAll().where('org_id', '=', orgId).where('module', '=', 'invoices').where('key', '=', KEY).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function readInvoiceSettings(ctx: Pick<Ctx, 'db' | 'user'>, orgId = me(ctx).orgId): Promise<InvoiceSettings> {
  const row = await settingRow(ctx, orgId);
  if (!row) return { ...DEFAULT_SETTINGS, version: 0 };
  const parsed = invoiceSettings.safeParse({ ...DEFAULT_SETTINGS, ...JSON.parse(row.value), version: row.version });
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, version: row.version };
}

export async function saveInvoiceSettings(ctx: Ctx, input: Partial<SettingsValues> & Pick<SettingsValues, 'currency' | 'vatBp' | 'paymentDays'>): Promise<InvoiceSettings> {
  const orgId = me(ctx).orgId;
  // Every invoice carries the account: a mistyped one is refused here, before any invoice is printed with it.
  const iban = input.iban ? normalIban(input.iban) : null;
  if (input.iban && !iban) throw fail.validation('iban_invalid', 'iban');
  const before = await readInvoiceSettings(ctx, orgId);
  const next: SettingsValues = { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? null])), currency: input.currency, vatBp: input.vatBp, paymentDays: input.paymentDays, iban };
  const value = JSON.stringify(next);
  const row = await settingRow(ctx, orgId);
  const audit = { entityId: null, summary: 'settings', before, after: next, action: 'update' as const };
  const written = row ? await invoiceSettingRows.in(ctx).update(row, { value }, { audit }) : await invoiceSettingRows.in(ctx).insert({ module: 'invoices', key: KEY, value }, { audit });
  return { ...next, version: written.version };
}
