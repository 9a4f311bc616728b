import { z } from 'zod';
import { procedure } from './contract';
import { id, isoInstant, month, okOutput, optionalId, pageInput, pageOf, requiredText, text } from './common';
import { MODULES } from '../permissions';

export const AUDIT_LEVELS = ['basic', 'advanced', 'detailed'] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'status', 'login', 'logout', 'lock', 'unlock'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditRow = z.object({
  id,
  at: z.string(),
  userId: id.nullable(),
  userName: z.string().nullable(),
  module: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  summary: z.string().nullable(),
  /** Field diffs, only kept at the detailed level: { field: [before, after] }. */
  diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
});
export type AuditRow = z.infer<typeof auditRow>;

export const DOC_TYPES = ['intervention', 'task', 'invoice', 'visit'] as const;

export const seriesRow = z.object({
  id,
  docType: z.enum(DOC_TYPES),
  branchId: id,
  prefix: z.string(),
  padding: z.number().int(),
  nextNumber: z.number().int(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type SeriesRow = z.infer<typeof seriesRow>;

export const periodRow = z.object({
  month: z.string(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  lockedBy: z.string().nullable(),
});

export const adminApi = {
  'audit.list': procedure({
    input: z.strictObject({
      from: isoInstant.optional(),
      to: isoInstant.optional(),
      userId: optionalId,
      module: z.enum(MODULES).optional(),
      action: z.enum(AUDIT_ACTIONS).optional(),
      entityId: text(64).optional(),
      ...pageInput,
    }),
    output: pageOf(auditRow),
    access: { module: 'audit', action: 'read' },
    writes: false,
  }),
  'audit.levels': procedure({
    input: z.strictObject({}),
    output: z.record(z.string(), z.enum(AUDIT_LEVELS)),
    access: { module: 'audit', action: 'read' },
    writes: false,
  }),
  'audit.setLevel': procedure({
    input: z.strictObject({ module: z.enum(MODULES), level: z.enum(AUDIT_LEVELS) }),
    output: okOutput,
    access: { module: 'audit', action: 'approve' },
    writes: true,
  }),

  'periods.list': procedure({
    input: z.strictObject({ year: z.number().int().min(2000).max(2100) }),
    output: z.array(periodRow),
    access: { module: 'periods', action: 'read' },
    writes: false,
  }),
  'periods.lock': procedure({ input: z.strictObject({ month }), output: okOutput, access: { module: 'periods', action: 'approve' }, writes: true }),
  'periods.unlock': procedure({ input: z.strictObject({ month }), output: okOutput, access: { module: 'periods', action: 'approve' }, writes: true }),

  'series.list': procedure({
    input: z.strictObject({ docType: z.enum(DOC_TYPES).optional() }),
    output: z.array(seriesRow),
    access: { module: 'series', action: 'read' },
    writes: false,
  }),
  'series.create': procedure({
    input: z.strictObject({
      docType: z.enum(DOC_TYPES),
      branchId: id,
      prefix: requiredText(20).regex(/^[\p{L}\p{N}/_.-]+$/u),
      padding: z.number().int().min(1).max(10),
      nextNumber: z.number().int().min(1).max(999_999_999),
    }),
    output: seriesRow,
    access: { module: 'series', action: 'write' },
    writes: true,
  }),
  /** The next number may only move forward: going back would hand out a number twice. */
  'series.update': procedure({
    input: z.strictObject({
      id,
      prefix: requiredText(20).regex(/^[\p{L}\p{N}/_.-]+$/u),
      padding: z.number().int().min(1).max(10),
      nextNumber: z.number().int().min(1).max(999_999_999),
      active: z.boolean(),
    }),
    output: seriesRow,
    access: { module: 'series', action: 'write' },
    writes: true,
  }),
} as const;
