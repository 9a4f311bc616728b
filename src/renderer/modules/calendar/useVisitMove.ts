import { useState } from 'react';
import type { EventChangeInfo } from '@fullcalendar/react';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { apiError, errorText } from '../../app/errors';
import type { VisitEventProps, SideGrid } from './calendarEvents';
import { fromColumn } from './sideBySide';

export interface FreedSlot {
  userId: string;
  start: string;
  end: string;
  serviceId: string | null;
}

interface Pending {
  input: { id: string; version: number; userId: string; start: string; end: string };
  revert(): void;
  freed: FreedSlot | null;
}

/**
 * Drag and resize through `visits.move`: main checks the overlap (the refusal names the other visit and the event
 * goes back) and the working hours (asked, then tried again with the confirmation). A move that frees a slot looks
 * for ASAP clients who would take it.
 */
export function useVisitMove(side: () => SideGrid | null) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const [outside, setOutside] = useState<Pending | null>(null);
  const [freed, setFreed] = useState<FreedSlot | null>(null);

  const send = async (p: Pending, confirmed: boolean) => {
    try {
      await call('visits.move', { ...p.input, ...(confirmed ? { outsideHoursConfirmed: true } : {}) });
    } catch (e) {
      if (!confirmed && apiError(e)?.key === 'errors.visit_outside_hours') return setOutside(p);
      p.revert();
      return setFailure(errorText(t, e));
    }
    if (!p.freed) return;
    // The move stands whatever the offers' answer: a failed look-up only says so.
    try {
      if ((await call('visits.asapOffers', p.freed)).length > 0) setFreed(p.freed);
    } catch (e) {
      setFailure(errorText(t, e));
    }
  };

  const onChange = (info: EventChangeInfo, moved: boolean) => {
    const ev = info.event;
    const { visit } = ev.extendedProps as VisitEventProps;
    setFailure(null);
    if (!ev.start || !ev.end) return info.revert();
    const grid = side();
    let userId = visit.userId;
    let start = ev.start.toISOString();
    let end = ev.end.toISOString();
    if (grid) {
      const from = fromColumn(ev.start, grid.tz, grid.day, grid.userIds.length);
      userId = grid.userIds[from.col] ?? visit.userId;
      start = from.instant;
      end = fromColumn(ev.end, grid.tz, grid.day, grid.userIds.length, true).instant;
    }
    const freedSlot = moved && visit.kind === 'visit' ? { userId: visit.userId, start: visit.start, end: visit.end, serviceId: visit.serviceId } : null;
    void send({ input: { id: visit.id, version: visit.version, userId, start, end }, revert: info.revert, freed: freedSlot }, false);
  };

  return {
    failure,
    clearFailure: () => setFailure(null),
    onDrop: (info: EventChangeInfo) => onChange(info, true),
    onResize: (info: EventChangeInfo) => onChange(info, false),
    outside,
    confirmOutside: () => {
      const p = outside;
      setOutside(null);
      if (p) void send(p, true);
    },
    cancelOutside: () => {
      outside?.revert();
      setOutside(null);
    },
    freed,
    closeFreed: () => setFreed(null),
  };
}
