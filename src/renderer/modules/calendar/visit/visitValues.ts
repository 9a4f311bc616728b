/**
 * The visit form's values and how they become the contract's input: the start is a wall clock on the branch's clock
 * (`timeZone`, never sent), prices are minor units, and blank choices become null. The contract's own schema checks the
 * form, so it says exactly what main would, with the same messages.
 */
import type { Resolver } from 'react-hook-form';
import { api, type ParsedInput } from '../../../../shared/api';
import type { VisitDetail } from '../../../../shared/api/visits';
import { instantAt, wallClock } from '../../../../shared/rules/zonedTime';
import { cleanedResolver } from '../../../components/screen';
import { INVALID } from '../../interventions/DateFields';

export type VisitInput = ParsedInput<'visits.book'>;

export interface LineValues {
  kind: 'service' | 'product';
  serviceId: string | null;
  productId: string | null;
  name: string;
  quantity: number | '';
  priceMinor: number | '';
}

export interface VisitFormValues {
  clientId: string;
  /** A new visit's branch (the slot's); a stored visit keeps its own. */
  branchId: string;
  userId: string | null;
  /** YYYY-MM-DDTHH:MM on the branch's clock; "!text" when what was typed is not a time. */
  start: string;
  durationMin: number | '';
  serviceId: string | null;
  firstConsultation: boolean;
  asap: boolean;
  notes: string;
  sourceId: string | null;
  lines: LineValues[];
  /** The branch's zone: the start is read and written on its clock. Never sent. */
  timeZone: string;
}

/** Fields of the form: a refusal from main naming one of them is shown under it. */
export const VISIT_FIELDS = ['userId', 'start', 'durationMin', 'serviceId', 'firstConsultation', 'asap', 'notes', 'sourceId', 'lines'] as const;

export interface Draft {
  userId: string;
  branchId: string;
  start: string;
  clientId: string;
  durationMin?: number;
}

/** A slot clicked on the calendar; the service and its lines come when the clerk picks one. */
export function draftValues(d: Draft, timeZone: string): VisitFormValues {
  return {
    clientId: d.clientId,
    branchId: d.branchId,
    userId: d.userId,
    start: wallClock(d.start, timeZone),
    durationMin: d.durationMin ?? 30,
    serviceId: null,
    firstConsultation: false,
    asap: false,
    notes: '',
    sourceId: null,
    lines: [],
    timeZone,
  };
}

export function valuesFromDetail(d: VisitDetail): VisitFormValues {
  return {
    clientId: d.clientId ?? '',
    branchId: d.branchId,
    userId: d.userId,
    start: wallClock(d.start, d.timeZone),
    durationMin: Math.round((Date.parse(d.end) - Date.parse(d.start)) / 60_000),
    serviceId: d.serviceId,
    firstConsultation: d.firstConsultation,
    asap: d.asap,
    notes: d.notes ?? '',
    sourceId: d.sourceId,
    lines: d.lines.map((l) => ({ kind: l.kind, serviceId: l.serviceId, productId: l.productId, name: l.name, quantity: l.quantity, priceMinor: l.priceMinor })),
    timeZone: d.timeZone,
  };
}

const blankNum = (n: number | '') => (n === '' ? undefined : n);

/** Form values → what `visits.book` takes (before the contract checks them); `visits.update` takes the same without the client. */
export function toInput(v: VisitFormValues): Record<string, unknown> {
  return {
    clientId: v.clientId,
    branchId: v.branchId,
    userId: v.userId ?? undefined,
    // Text that is not a time goes as typed, so the contract names the field.
    start: v.start.startsWith(INVALID) ? v.start.slice(1) : v.start ? (instantAt(v.start, v.timeZone) ?? v.start) : undefined,
    durationMin: blankNum(v.durationMin),
    serviceId: v.serviceId,
    firstConsultation: v.firstConsultation,
    asap: v.asap,
    notes: v.notes.trim() ? v.notes.trim() : null,
    sourceId: v.sourceId,
    lines: v.lines.map((l) => ({
      kind: l.kind,
      serviceId: l.serviceId,
      productId: l.productId,
      name: l.name.trim(),
      quantity: blankNum(l.quantity),
      priceMinor: blankNum(l.priceMinor),
    })),
  };
}

export function visitResolver(): Resolver<VisitFormValues, unknown, VisitInput> {
  return cleanedResolver<VisitFormValues, (typeof api)['visits.book']['input']>(api['visits.book'].input, toInput);
}
