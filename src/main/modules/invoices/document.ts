import type { InvoiceDetail, InvoiceSettings } from '../../../shared/api/invoices';

/** Everything a document leaving the house says: the approved invoice, its seller, and where it was issued. */
export interface InvoiceDocument {
  invoice: InvoiceDetail;
  seller: Omit<InvoiceSettings, 'version'> & { orgName: string; branchName: string };
}

/** XML text and attribute escaping: the five characters XML reserves, and control characters XML 1.0 forbids. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One element with escaped text; attributes escaped too. Empty values leave the element out. */
export function el(name: string, value: string | number | null | undefined, attrs: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join('');
  return `<${name}${a}>${xmlEscape(String(value))}</${name}>`;
}

/** An element around already-built children; left out when they are all empty. */
export function wrap(name: string, ...children: string[]): string {
  const inner = children.join('');
  return inner ? `<${name}>${inner}</${name}>` : '';
}
