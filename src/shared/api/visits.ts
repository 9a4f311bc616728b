import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, isoInstant, okOutput, optionalId, optionalMultilineText, optionalText, requiredText, versioned } from './common';

/**
 * Visits in the calendar (seed 003): booked by slot for a client, or a break; arrival and no-show, services and
 * products with prices, payments, cancellation with a reason, deletion by owners and admins only. The reminder call's
 * outcome colours the event. Instants are UTC; the screen shows them on the branch's clock.
 */
export const VISIT_KINDS = ['visit', 'break'] as const;
export const VISIT_STATUSES = ['booked', 'arrived', 'no_show', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** Grey (not yet reminded), green (will come), red (will not come), orange (no answer). */
export const REMINDER_STATES = ['none', 'will_come', 'will_not_come', 'no_answer'] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];
export const PAYMENT_METHODS = ['cash', 'card', 'transfer'] as const;
export const LINE_KINDS = ['service', 'product'] as const;

/** What one calendar event shows: time, client, service, PK/ASAP, €€ while unpaid, the reminder colour. */
export const visitEvent = z.object({
  id,
  kind: z.enum(VISIT_KINDS),
  branchId: id,
  userId: id,
  userName: z.string(),
  clientId: id.nullable(),
  clientName: z.string().nullable(),
  serviceId: id.nullable(),
  serviceName: z.string().nullable(),
  /** The main service's colour; null for a break or a visit without a service. */
  colour: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  status: z.enum(VISIT_STATUSES),
  firstConsultation: z.boolean(),
  asap: z.boolean(),
  reminder: z.enum(REMINDER_STATES),
  /** Services or products on the visit are not paid in full (€€). */
  unpaid: z.boolean(),
  version: z.number().int(),
});
export type VisitEvent = z.infer<typeof visitEvent>;

export const visitLine = z.object({
  id,
  kind: z.enum(LINE_KINDS),
  serviceId: id.nullable(),
  productId: id.nullable(),
  name: z.string(),
  quantity: z.number().int(),
  priceMinor: z.number().int(),
});
export const visitPayment = z.object({
  id,
  method: z.enum(PAYMENT_METHODS),
  amountMinor: z.number().int(),
  paidAt: z.string(),
  note: z.string().nullable(),
});

export const visitDetail = visitEvent.extend({
  clientPhone: z.string().nullable(),
  notes: z.string().nullable(),
  sourceId: id.nullable(),
  sourceName: z.string().nullable(),
  cancelReason: z.string().nullable(),
  currency: z.string(),
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  lines: z.array(visitLine),
  payments: z.array(visitPayment),
  /** The branch's zone: the form shows and takes times on it. */
  timeZone: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VisitDetail = z.infer<typeof visitDetail>;

const lineInput = z.strictObject({
  kind: z.enum(LINE_KINDS),
  serviceId: optionalId,
  productId: optionalId,
  name: requiredText(200),
  quantity: z.number().int().min(1).max(1000),
  priceMinor: z.number().int().min(0).max(100_000_000),
});

const visitFields = {
  userId: id,
  start: isoInstant,
  /** Minutes; the service's default when the clerk keeps it. */
  durationMin: z.number().int().min(5).max(24 * 60),
  serviceId: optionalId,
  firstConsultation: z.boolean().default(false),
  asap: z.boolean().default(false),
  notes: optionalMultilineText(2000),
  sourceId: optionalId,
  /** Services and products with their prices; the main service is added as a line when none is given. */
  lines: z.array(lineInput).max(50).optional(),
  /** The clerk has confirmed a time outside the employee's working hours. */
  outsideHoursConfirmed: z.boolean().optional(),
};

/** The other visit or break a time would overlap: the refusal names it. */
export const visitClash = z.object({ id, kind: z.enum(VISIT_KINDS), clientName: z.string().nullable(), start: z.string(), end: z.string() });

/** A client with an ASAP visit whose service fits a freed slot, best fit first. */
export const asapOffer = z.object({
  visitId: id,
  clientId: id,
  clientName: z.string(),
  clientPhone: z.string().nullable(),
  serviceName: z.string().nullable(),
  userId: id,
  userName: z.string(),
  /** The visit's current time (later than the freed slot). */
  currentStart: z.string(),
  durationMin: z.number().int(),
  /** How many days earlier the client would come. */
  daysEarlier: z.number(),
});
export type AsapOffer = z.infer<typeof asapOffer>;

const read = { module: 'calendar', action: 'read' } as const;
const write = { module: 'calendar', action: 'write' } as const;

export const visitsApi = {
  /** The events of a range (at most 62 days), of a branch, some employees, or one service; cancelled ones when asked. */
  'visits.range': procedure({
    input: z.strictObject({
      from: isoInstant,
      to: isoInstant,
      branchId: optionalId,
      userIds: z.array(id).max(200).optional(),
      serviceId: optionalId,
      includeCancelled: z.boolean().optional(),
    }),
    output: z.array(visitEvent),
    access: read,
    writes: false,
  }),
  'visits.get': procedure({ input: byId, output: visitDetail, access: read, writes: false }),
  /**
   * Book a visit for a client. Refused (`errors.visit_overlap`, naming the other visit) when it overlaps another
   * visit or break of the same employee, checked inside the write; outside working hours refused with
   * `errors.visit_outside_hours` until `outsideHoursConfirmed`. The branch is the service's, else `branchId`, else the
   * employee's only branch (one who works in several needs `branchId`: else `errors.visit_branch_required`).
   */
  'visits.book': procedure({
    input: z.strictObject({ ...visitFields, clientId: id, branchId: optionalId }),
    output: visitDetail,
    access: write,
    writes: true,
  }),
  /** A break booked from the calendar (no client): blocks the employee's time like a visit. `branchId` as for a visit. */
  'visits.bookBreak': procedure({
    input: z.strictObject({ userId: id, start: isoInstant, durationMin: visitFields.durationMin, notes: optionalText(500), outsideHoursConfirmed: z.boolean().optional(), branchId: optionalId }),
    output: visitDetail,
    access: write,
    writes: true,
  }),
  'visits.update': procedure({ input: z.strictObject({ ...versioned, ...visitFields }), output: visitDetail, access: write, writes: true }),
  /** Drag to move or resize (and to another employee): the same checks as booking. */
  'visits.move': procedure({
    input: z.strictObject({ ...versioned, userId: id, start: isoInstant, end: isoInstant, outsideHoursConfirmed: z.boolean().optional() }),
    output: visitDetail,
    access: write,
    writes: true,
  }),
  /** The sun (arrived) and the x (did not arrive); `booked` undoes a mark made by mistake. */
  'visits.setAttendance': procedure({
    input: z.strictObject({ ...versioned, status: z.enum(['booked', 'arrived', 'no_show']) }),
    output: visitDetail,
    access: write,
    writes: true,
  }),
  'visits.cancel': procedure({ input: z.strictObject({ ...versioned, reason: requiredText(500) }), output: visitDetail, access: write, writes: true }),
  /** What a deletion takes with it, for the confirmation. */
  'visits.deletionImpact': procedure({
    input: byId,
    output: z.object({ payments: z.number().int(), lines: z.number().int(), reminders: z.number().int() }),
    access: { module: 'calendar', action: 'delete' },
    writes: false,
  }),
  /** Not recommended (cancel instead): owners and administrators only; its lines and payments go with it. Audited. */
  'visits.delete': procedure({ input: z.strictObject({ ...versioned }), output: okOutput, access: { module: 'calendar', action: 'delete' }, writes: true }),
  'visits.addPayment': procedure({
    input: z.strictObject({ ...versioned, method: z.enum(PAYMENT_METHODS), amountMinor: z.number().int().min(1).max(100_000_000), note: optionalText(200) }),
    output: visitDetail,
    access: write,
    writes: true,
  }),
  /** Clients with an ASAP visit that fits the slot (same employee, or any who performs the service), best fit first. */
  'visits.asapOffers': procedure({
    /** `serviceId`: only visits of that service; `branchId`: only that branch's visits (else every branch the employee works in). */
    input: z.strictObject({ userId: id, start: isoInstant, end: isoInstant, serviceId: optionalId, branchId: optionalId }),
    output: z.array(asapOffer),
    access: read,
    writes: false,
  }),
  /** Move the offered client's visit into the freed slot (same checks as a move); clears its ASAP flag. */
  'visits.acceptAsap': procedure({
    input: z.strictObject({ ...versioned, userId: id, start: isoInstant, outsideHoursConfirmed: z.boolean().optional() }),
    output: visitDetail,
    access: write,
    writes: true,
  }),
  /** Clients the caller booked or opened lately, for the slot picker. */
  'visits.recentClients': procedure({
    input: z.strictObject({ limit: z.number().int().min(1).max(50).default(10) }),
    output: z.array(z.object({ id, name: z.string(), phone: z.string().nullable() })),
    access: read,
    writes: false,
  }),
  /** A client's visits (the client card). */
  'visits.ofClient': procedure({
    input: z.strictObject({ clientId: id, limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(visitEvent),
    access: read,
    writes: false,
  }),
} as const;

/** Pushed after commit when visits change (booked, moved, marked, paid, reminded): open calendars refetch or recolour. */
export const visitsChanged = z.object({ ids: z.array(z.string()), branchIds: z.array(z.string()) });

