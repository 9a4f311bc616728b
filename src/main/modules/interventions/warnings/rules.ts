import type { Clock } from '../../../clock';
import type { Status } from '../../../../shared/api/interventions';
import type { InterventionSettings, WarningKind } from '../../../../shared/api/interventionSettings';

/**
 * When an intervention deserves a warning, as pure rules over its state, the settings and an injected clock.
 *
 * Choices:
 * - Limits are elapsed time, not wall-clock time: "24 hours" across a daylight-saving change is 24 real hours
 *   (the wall clock then shows one hour more or less), so a branch's clock never shortens or stretches a limit.
 * - A warning is due from the very instant its limit is reached (at exactly 24 h 00 min it is no longer "within 24 hours").
 * - Finalized, cancelled and deleted documents never warn.
 * - Drafts (not yet validated) warn like numbered documents: the caller waits either way, and a forgotten draft is
 *   exactly what a warning should bring up.
 * - "Not confirmed" counts from the allocation (a new person or time starts it again); a document allocated before
 *   the allocation was recorded counts from its creation.
 * - "Past its end" is about any open document with a scheduled end, allocated or not.
 */

export interface WarningFacts {
  status: Status;
  /** When the call was taken (the document's creation). */
  createdAt: string;
  /** When it was last allocated (a person and a time given); null while received, or before this was recorded. */
  allocatedAt: string | null;
  endAt: string | null;
  deleted: boolean;
}

/** The limits of the settings, in milliseconds; null: that warning is off. */
export interface WarningLimits {
  unallocated: number | null;
  unconfirmed: number | null;
  overdue: number | null;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

export function limitsOf(s: Pick<InterventionSettings, 'warningHours' | 'unconfirmedHours' | 'overdueGraceMinutes'>): WarningLimits {
  return {
    unallocated: s.warningHours == null ? null : s.warningHours * HOUR,
    unconfirmed: s.unconfirmedHours == null ? null : s.unconfirmedHours * HOUR,
    overdue: s.overdueGraceMinutes == null ? null : s.overdueGraceMinutes * MINUTE,
  };
}

/** The instant (ms) each warning falls due for the document as it is now; a kind that cannot fall due is absent. */
export function dueTimes(f: WarningFacts, limits: WarningLimits): Partial<Record<WarningKind, number>> {
  const out: Partial<Record<WarningKind, number>> = {};
  if (f.deleted || f.status === 'finalized' || f.status === 'cancelled') return out;
  if (f.status === 'received' && limits.unallocated != null) out.unallocated = Date.parse(f.createdAt) + limits.unallocated;
  if (f.status === 'allocated' && limits.unconfirmed != null) out.unconfirmed = Date.parse(f.allocatedAt ?? f.createdAt) + limits.unconfirmed;
  if (f.endAt && limits.overdue != null) out.overdue = Date.parse(f.endAt) + limits.overdue;
  return out;
}

export interface DueWarning {
  kind: WarningKind;
  /** When it fell due (ms). */
  dueAt: number;
}

/** The warnings due now for the document. */
export function dueWarnings(f: WarningFacts, limits: WarningLimits, clock: Clock): DueWarning[] {
  const now = clock.now();
  return Object.entries(dueTimes(f, limits))
    .filter(([, at]) => at <= now)
    .map(([kind, dueAt]) => ({ kind: kind as WarningKind, dueAt }));
}
