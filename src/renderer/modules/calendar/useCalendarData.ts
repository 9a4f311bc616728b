import { useMemo } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { seesAllBranches } from '../../../shared/permissions';
import { useApiQuery } from '../../app/apiQuery';
import { deviceZone } from '../../app/format';
import { useSession } from '../../app/session';
import type { CalendarPrefs } from './prefs';

/** Side by side, when nobody is chosen: at most this many columns of those who work that day. */
const MAX_AUTO_COLUMNS = 8;

/** The person's branches and the one the calendar shows: it runs on that branch's clock. */
export function useCalendarBranch(prefs: CalendarPrefs) {
  const { user } = useSession();
  const branches = useApiQuery('branches.list', {}, { staleTime: 60_000 });
  const mine = useMemo(() => (branches.data ?? []).filter((b) => seesAllBranches(user.role) || user.branchIds.includes(b.id)), [branches.data, user]);
  const branch = mine.find((b) => b.id === prefs.branchId) ?? mine[0] ?? null;
  return { mine, branch, branchId: branch?.id ?? '', tz: branch?.timeZone ?? deviceZone(), loaded: branches.isSuccess };
}

/**
 * What the calendar reads of a branch: its staff and services,
 * and for the range shown the visits and working time. The reads are cached queries, so the `visits.changed` and
 * `schedule.changed` pushes refetch them and every open calendar redraws without a reload.
 */
export function useCalendarData(prefs: CalendarPrefs, branchId: string, range: { from: string; to: string } | null, sideDay: string | null) {
  const { user } = useSession();
  const ownOnly = user.role === 'employee';

  const staff = useApiQuery('users.directory', { branchId }, { enabled: !!branchId, staleTime: 60_000 });
  const employees = useMemo(() => (staff.data ?? []).filter((u) => u.active && (!ownOnly || u.id === user.id)).map((u) => ({ value: u.id, label: u.name })), [staff.data, ownOnly, user.id]);
  const services = useApiQuery('services.list', { branchId }, { enabled: !!branchId, staleTime: 60_000 });
  // An employee's calendar is their own (main refuses anyone else's too).
  const chosen = ownOnly ? [user.id] : prefs.userIds.filter((id) => employees.some((e) => e.value === id));

  const base = { branchId, ...(chosen.length ? { userIds: chosen } : {}) };
  const enabled = !!branchId && !!range;
  const visitsInput = { ...base, from: range?.from ?? '', to: range?.to ?? '', ...(prefs.serviceId ? { serviceId: prefs.serviceId } : {}), ...(prefs.showCancelled ? { includeCancelled: true } : {}) };
  const visits = useApiQuery('visits.range', visitsInput, { enabled, placeholderData: keepPreviousData });
  const working = useApiQuery('schedule.working', { ...base, from: range?.from ?? '', to: range?.to ?? '' }, { enabled, placeholderData: keepPreviousData });

  // Side by side: the chosen employees, else those who work or have visits that day, else the branch's staff.
  const columns = useMemo(() => {
    if (!sideDay) return [];
    if (chosen.length) return chosen;
    const busy = new Set([...(working.data ?? []).filter((r) => r.spans.length > 0).map((r) => r.userId), ...(visits.data ?? []).map((v) => v.userId)]);
    const order = employees.map((e) => e.value);
    const working_ = order.filter((id) => busy.has(id));
    return (working_.length ? working_ : order).slice(0, MAX_AUTO_COLUMNS);
  }, [sideDay, chosen.join(','), working.data, visits.data, employees]); // eslint-disable-line react-hooks/exhaustive-deps

  return { employees, services: services.data ?? [], chosen, ownOnly, visits, working, columns };
}
