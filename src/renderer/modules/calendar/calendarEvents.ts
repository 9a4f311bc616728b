/**
 * Visits and working time as FullCalendar events. A visit is drawn in its service's colour with the reminder state as
 * a coloured left border (the planner's four colours); what lies outside working time is greyed by one
 * inverse-background group, so a day off greys the whole day and a break the gap between two intervals.
 */
import { isLightColor } from '@mantine/core';
import type { EventInput } from '@fullcalendar/react';
import { contrastRatio, readableOn } from '../../app/theme';
import type { ReminderState, VisitEvent } from '../../../shared/api/visits';
import { toColumn } from './sideBySide';

/** Grey: not yet reminded; green: will come; red: will not come; orange: no answer. */
export const REMINDER_HEX: Record<ReminderState, string> = { none: '#868e96', will_come: '#2f9e44', will_not_come: '#e03131', no_answer: '#f76707' };

const BREAK_HEX = '#dee2e6';
const CANCELLED_HEX = '#f1f3f5';
const NO_SERVICE_HEX = '#d0ebff';
/** Outside working time: FullCalendar lays background events at a low opacity, so the grey is a dark one. */
const OFF_HEX = '#868e96';

const DARK_TEXT = '#212529';
const WHITE = '#ffffff';

/**
 * An event's background and text colours: the service's colour under the text that reads on it (4.5:1). A mid-tone
 * no text reaches 4.5:1 on (the demo's green: 4.4 with white, 3.5 with dark) is darkened just enough for white.
 */
export function eventColours(colour: string): { color: string; contrastColor: string } {
  const first = isLightColor(colour) ? DARK_TEXT : WHITE;
  const other = first === WHITE ? DARK_TEXT : WHITE;
  if (contrastRatio(first, colour) >= 4.5) return { color: colour, contrastColor: first === WHITE ? '#fff' : first };
  if (contrastRatio(other, colour) >= 4.5) return { color: colour, contrastColor: other === WHITE ? '#fff' : other };
  return { color: readableOn(colour, WHITE), contrastColor: '#fff' };
}

/** The side-by-side day: its real day, the branch's zone and the employee of each column. */
export interface SideGrid {
  day: string;
  tz: string;
  userIds: string[];
}

export interface VisitEventProps {
  visit: VisitEvent;
}

export function visitEvents(visits: readonly VisitEvent[], opts: { canWrite: boolean; side: SideGrid | null }): EventInput[] {
  const out: EventInput[] = [];
  for (const v of visits) {
    const col = opts.side ? opts.side.userIds.indexOf(v.userId) : 0;
    if (col < 0) continue;
    const place = (iso: string) => (opts.side ? toColumn(iso, opts.side.tz, opts.side.day, col) : iso);
    const cancelled = v.status === 'cancelled';
    const color = cancelled ? CANCELLED_HEX : v.kind === 'break' ? BREAK_HEX : (v.colour ?? NO_SERVICE_HEX);
    out.push({
      id: v.id,
      start: place(v.start),
      end: place(v.end),
      ...eventColours(color),
      className: ['pl-visit', `pl-visit-${v.reminder}`, cancelled && 'pl-visit-cancelled'].filter(Boolean).join(' '),
      // A visit that happened (or did not) stays where it was; a cancelled one is only shown.
      editable: opts.canWrite && v.status === 'booked',
      extendedProps: { visit: v } satisfies VisitEventProps,
    });
  }
  return out;
}

export interface SpansRow {
  userId: string;
  spans: { start: string; end: string }[];
}

/**
 * Working time as the inverse-background group "off": FullCalendar greys the complement of the group over the range.
 * Side by side each employee's spans sit in their column; elsewhere the spans of everyone shown add up. A one-minute
 * mark before the range keeps the group alive on a day nobody works, so that day is greyed whole.
 */
export function offHours(rows: readonly SpansRow[], rangeStart: string, side: SideGrid | null): EventInput[] {
  const out: EventInput[] = [{ groupId: 'off', start: shift(rangeStart, -60_000), end: rangeStart, display: 'inverse-background', color: OFF_HEX, className: 'pl-vcal-off' }];
  for (const r of rows) {
    const col = side ? side.userIds.indexOf(r.userId) : 0;
    if (col < 0) continue;
    for (const s of r.spans) {
      const [start, end] = side ? [toColumn(s.start, side.tz, side.day, col), toColumn(s.end, side.tz, side.day, col)] : [s.start, s.end];
      if (start < end) out.push({ groupId: 'off', start, end, display: 'inverse-background', color: OFF_HEX, className: 'pl-vcal-off' });
    }
  }
  return out;
}

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
