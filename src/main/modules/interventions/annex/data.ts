import type { InterventionDetail, Priority, Status } from '../../../../shared/api/interventions';
import type { ClientDetail } from '../../../../shared/api/clients';
import { ANNEX_FIELDS, type AnnexGroup } from '../../../../shared/api/annexForms';

/** One document as the printed reports load it: its detail, the names behind its ids, and its client as now. */
export interface AnnexSource {
  d: InterventionDetail;
  labels: Record<
    | 'series'
    | 'branch'
    | 'type'
    | 'objectCode'
    | 'object'
    | 'takenBy'
    | 'responsible'
    | 'vehicle'
    | 'zone'
    | 'classification'
    | 'classification2'
    | 'classification3'
    | 'contract'
    | 'estimate'
    | 'contact'
    | 'contactPosition'
    | 'contactPhone'
    | 'contactEmail',
    string | null
  >;
  snapshot: { name: string; fiscalCode: string | null; phone: string | null; email: string | null; address: string | null; locality: string | null; county: string | null; country: string | null };
  client: ClientDetail | null;
}

/** How values read on paper, in the reader's language; times on the document's branch clock. */
export interface AnnexFormat {
  date(d: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  status(s: Status): string;
  priority(p: Priority): string;
}

/** Who prints, and when. */
export interface AnnexPrint {
  orgName: string;
  by: string;
  nowIso: string;
}

type Fields<G extends AnnexGroup> = Record<keyof (typeof ANNEX_FIELDS)[G], string>;
export interface AnnexData {
  intervention: Fields<'intervention'>;
  client: Fields<'client'>;
  object: Fields<'object'>;
  organization: Fields<'organization'>;
  printed: Fields<'printed'>;
  timeline: { at: string; person: string; text: string }[];
  [k: string]: unknown;
}

const joined = (parts: (string | null | undefined)[], sep = ', ') => parts.filter(Boolean).join(sep);

/** The document's fields that print the name behind an id: each field on paper, and the label it reads. */
const NAMED = {
  series: 'series',
  type: 'type',
  branch: 'branch',
  taken_by: 'takenBy',
  responsible: 'responsible',
  vehicle: 'vehicle',
  zone: 'zone',
  classification: 'classification',
  classification2: 'classification2',
  classification3: 'classification3',
  contract: 'contract',
  estimate: 'estimate',
} as const satisfies Partial<Record<keyof Fields<'intervention'>, keyof AnnexSource['labels']>>;

function namesOf(labels: AnnexSource['labels']): Record<keyof typeof NAMED, string> {
  return Object.fromEntries(Object.entries(NAMED).map(([field, label]) => [field, labels[label] ?? ''])) as Record<keyof typeof NAMED, string>;
}

/**
 * The values a template prints, all as text people read (an empty field is ''): the document, its client, its
 * object, the timeline's lines (what people wrote, in time order), the organization and the print. Plain objects of
 * strings only, so a template can reach nothing else.
 */
export function annexData(src: AnnexSource, fmt: AnnexFormat, print: AnnexPrint): AnnexData {
  const { d, labels: l, snapshot: s, client: c } = src;
  const first = c?.addresses[0];
  return {
    intervention: {
      ...namesOf(l),
      number: d.number ?? '',
      doc_date: fmt.date(d.docDate),
      status: fmt.status(d.status),
      priority: fmt.priority(d.priority),
      notes: d.notes ?? '',
      start: fmt.dateTime(d.startAt),
      end: fmt.dateTime(d.endAt),
      confirmed_at: fmt.dateTime(d.assigneeConfirmedAt),
      finalized_at: fmt.dateTime(d.finalizedAt),
      cancel_reason: d.cancelReason ?? '',
      time_zone: d.timeZone,
    },
    client: {
      name: c?.name ?? s.name,
      fiscal_code: (c ? c.fiscalCode : s.fiscalCode) ?? '',
      phone: c ? c.phones.map((p) => p.number).join(', ') : (s.phone ?? ''),
      email: c ? c.emails.map((e) => e.address).join(', ') : (s.email ?? ''),
      address: first ? joined([first.street, first.locality, first.county, first.postalCode, first.country]) : joined([s.address, s.locality, s.county, s.country]),
      contact: joined([l.contact, l.contactPosition, l.contactPhone, l.contactEmail]),
    },
    object: { code: l.objectCode ?? '', name: l.object ?? '', serial: d.objectSerial ?? '' },
    organization: { name: print.orgName },
    printed: { date: fmt.dateTime(print.nowIso), by: print.by },
    timeline: [...d.timeline].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((n) => ({ at: fmt.dateTime(n.at), person: n.person ?? '', text: n.text })),
  };
}
