/**
 * Stand-in until the visit dialog's branch is merged: the same names and props as `./visit/VisitDialog` and
 * `./visit/AsapOffers`, so the calendar's call sites stay as they will be. Deleted at that merge.
 */
import { useEffect } from 'react';

export type VisitTarget = { visitId: string } | { draft: { userId: string; branchId: string; start: string; clientId: string; durationMin?: number } };

export function VisitDialog(p: { target: VisitTarget; onClose(): void }) {
  useEffect(() => p.onClose(), [p]);
  return null;
}

export function AsapOffers(p: { slot: { userId: string; start: string; end: string; serviceId: string | null }; onClose(): void }) {
  useEffect(() => p.onClose(), [p]);
  return null;
}
