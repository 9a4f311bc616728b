import { minorDigits } from '../../../shared/rules/money';
import { milliText, minorToDecimal, rateText, vatCategory } from '../../../shared/rules/invoices/amounts';
import { monthDays } from '../../../shared/rules/invoices/lines';
import { el, wrap, type InvoiceDocument } from './document';

export const PEPPOL_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const NS = [
  'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"',
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"',
].join(' ');

/** A party's electronic address (BT-34/BT-49): its e-mail (EAS "EM"), else its Lithuanian legal entity code (EAS 0200). */
function endpoint(email: string | null, code: string | null): string {
  if (email) return el('cbc:EndpointID', email, { schemeID: 'EM' });
  if (code) return el('cbc:EndpointID', code, { schemeID: '0200' });
  return '';
}

function address(street: string | null, city: string | null, postal: string | null, country: string | null): string {
  return wrap('cac:PostalAddress', el('cbc:StreetName', street), el('cbc:CityName', city), el('cbc:PostalZone', postal), wrap('cac:Country', el('cbc:IdentificationCode', country ?? 'LT')));
}

/**
 * The invoice as a UBL 2.1 document under Peppol BIS Billing 3.0 (EN 16931): elements in the schema's order, amounts
 * as decimal text from minor units, VAT by category and rate as the document's totals were computed. Built as text
 * with every value escaped: the document's shape is fixed, so a builder library would add a dependency and nothing else.
 */
export function ublInvoice(doc: InvoiceDocument): string {
  const { invoice: inv, seller } = doc;
  const digits = minorDigits(inv.currency);
  const amount = (name: string, minor: number) => el(name, minorToDecimal(minor, digits), { currencyID: inv.currency });
  const { first, last } = monthDays(inv.month);
  const taxCategory = (tag: string, vatBp: number) =>
    wrap(tag, el('cbc:ID', vatCategory(vatBp)), el('cbc:Percent', rateText(vatBp)), wrap('cac:TaxScheme', el('cbc:ID', 'VAT')));

  const supplier = wrap(
    'cac:AccountingSupplierParty',
    wrap(
      'cac:Party',
      endpoint(seller.email, seller.sellerCode),
      wrap('cac:PartyName', el('cbc:Name', seller.sellerName ?? seller.orgName)),
      address(seller.sellerAddress, seller.sellerCity, seller.sellerPostalCode, seller.sellerCountry),
      seller.sellerVatId ? wrap('cac:PartyTaxScheme', el('cbc:CompanyID', seller.sellerVatId), wrap('cac:TaxScheme', el('cbc:ID', 'VAT'))) : '',
      wrap('cac:PartyLegalEntity', el('cbc:RegistrationName', seller.sellerName ?? seller.orgName), el('cbc:CompanyID', seller.sellerCode)),
    ),
  );
  const customer = wrap(
    'cac:AccountingCustomerParty',
    wrap(
      'cac:Party',
      endpoint(inv.clientEmail, inv.clientCode),
      wrap('cac:PartyName', el('cbc:Name', inv.clientName)),
      address(inv.clientAddress, null, null, inv.clientCountry),
      inv.clientVatId ? wrap('cac:PartyTaxScheme', el('cbc:CompanyID', inv.clientVatId), wrap('cac:TaxScheme', el('cbc:ID', 'VAT'))) : '',
      wrap('cac:PartyLegalEntity', el('cbc:RegistrationName', inv.clientName), el('cbc:CompanyID', inv.clientCode)),
    ),
  );
  // Credit transfer (UNCL 4461 code 30) to the seller's account, when there is one to name.
  const payment = seller.iban ? wrap('cac:PaymentMeans', el('cbc:PaymentMeansCode', '30'), el('cbc:PaymentID', inv.number), wrap('cac:PayeeFinancialAccount', el('cbc:ID', seller.iban.replace(/\s+/g, '')))) : '';
  const taxTotal = wrap(
    'cac:TaxTotal',
    amount('cbc:TaxAmount', inv.vatMinor),
    ...inv.breakdown.map((b) => wrap('cac:TaxSubtotal', amount('cbc:TaxableAmount', b.taxableMinor), amount('cbc:TaxAmount', b.vatMinor), taxCategory('cac:TaxCategory', b.vatBp))),
  );
  const totals = wrap(
    'cac:LegalMonetaryTotal',
    amount('cbc:LineExtensionAmount', inv.netMinor),
    amount('cbc:TaxExclusiveAmount', inv.netMinor),
    amount('cbc:TaxInclusiveAmount', inv.totalMinor),
    amount('cbc:PayableAmount', inv.totalMinor),
  );
  const lines = inv.lines.map((l, i) =>
    wrap(
      'cac:InvoiceLine',
      el('cbc:ID', String(i + 1)),
      el('cbc:InvoicedQuantity', milliText(l.quantityMilli), { unitCode: l.unit }),
      amount('cbc:LineExtensionAmount', l.netMinor),
      wrap('cac:Item', el('cbc:Name', l.description.slice(0, 200)), taxCategory('cac:ClassifiedTaxCategory', l.vatBp)),
      wrap('cac:Price', amount('cbc:PriceAmount', l.unitPriceMinor)),
    ),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<Invoice ${NS}>`,
    el('cbc:CustomizationID', PEPPOL_CUSTOMIZATION),
    el('cbc:ProfileID', PEPPOL_PROFILE),
    el('cbc:ID', inv.number),
    el('cbc:IssueDate', inv.issueDate),
    el('cbc:DueDate', inv.dueDate),
    // UNCL 1001 380: commercial invoice.
    el('cbc:InvoiceTypeCode', '380'),
    el('cbc:Note', inv.note),
    el('cbc:DocumentCurrencyCode', inv.currency),
    // Peppol asks for a buyer reference or an order reference (PEPPOL-EN16931-R003): the client's code, else the month.
    el('cbc:BuyerReference', inv.clientCode ?? inv.month),
    wrap('cac:InvoicePeriod', el('cbc:StartDate', first), el('cbc:EndDate', last)),
    supplier,
    customer,
    payment,
    taxTotal,
    totals,
    ...lines,
    '</Invoice>\n',
  ].join('');
}
