import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, CloseButton, Group, Modal, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import FullCalendar, { type CalendarRef, type EventInput } from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import listPlugin from '@fullcalendar/react/list';
import interactionPlugin from '@fullcalendar/react/interaction';
import classicTheme from '@fullcalendar/react/themes/classic';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import type { Language } from '../../../shared/i18n/languages';
import type { VisitEvent } from '../../../shared/api/visits';
import { instantAt, wallClock } from '../../../shared/rules/zonedTime';
import { call } from '../../app/api';
import { errorText } from '../../app/errors';
import { useFormat, useZoneNote } from '../../app/format';
import { useCan, useSession } from '../../app/session';
import { DialogButtons } from '../../components/DialogButtons';
import { ClientForm } from '../clients/ClientForm';
import { CalendarToolbar } from './CalendarToolbar';
import { offHours, visitEvents, type SideGrid, type VisitEventProps } from './calendarEvents';
import { FC_LOCALES } from '../../components/fcLocales';
import { FC_VIEW, SLOT_MIN, shiftPeriod, snapToSlot, todayFocus, type SlotFocus } from './grid';
import { shownHours } from './shownHours';
import { useCalendarPrefs } from './prefs';
import { ReminderLegend } from './ReminderLegend';
import { columnOf, dayRange, fromColumn, gridAt, GRID_BASE } from './sideBySide';
import { SlotPicker, type Slot } from './SlotPicker';
import { calendarKeyDown } from './useCalendarKeys';
import { useCalendarBranch, useCalendarData } from './useCalendarData';
import { useVisitMove } from './useVisitMove';
import { AddressedVisit } from './visit/AddressedVisit';
import { AsapOffers } from './visit/AsapOffers';
import { VisitDialog, type VisitDialogProps } from './visit/VisitDialog';
import { VisitEventContent, type VisitEventActions } from './VisitEventContent';
import './calendar.css';

const plusMin = (iso: string, min: number) => new Date(Date.parse(iso) + min * 60_000).toISOString();

/** The working day's start at the top, the early hours a scroll away. */
function scrollToMorning(box: HTMLElement | null): void {
  const lane = box?.querySelector<HTMLElement>('[data-time="08:00:00"]');
  if (box && lane) box.scrollTop += lane.getBoundingClientRect().top - box.getBoundingClientRect().top - 30;
}

/**
 * The visits calendar (seed 003): day, week, month, list, and a day with the branch's employees side by side; times
 * on the branch's clock, the rest of the day greyed from the employees' working hours. A free time opens the slot
 * picker, an event's time opens the visit and its client's name the client; drag moves and resizes through main.
 */
export function CalendarScreen() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const can = useCan();
  const canWrite = can('calendar', 'write');
  const fmt = useFormat();
  const [prefs, setPrefs] = useCalendarPrefs(user.id);
  const { mine, branchId, tz } = useCalendarBranch(prefs);
  const zoneNote = useZoneNote(tz);
  const view = prefs.view;
  const side = view === 'side';

  const [focusPick, setFocus] = useState<SlotFocus | null>(null);
  const focus = focusPick ?? todayFocus(wallClock(Date.now(), tz));
  const day = focus.wall.slice(0, 10);
  const [shown, setShown] = useState<{ from: string; to: string; current: [string, string]; title: string } | null>(null);
  const range = side ? dayRange(day, tz) : shown && { from: shown.from, to: shown.to };
  const data = useCalendarData(prefs, branchId, range, side ? day : null);
  const columns = data.columns;
  const grid: SideGrid | null = side ? { day, tz, userIds: columns } : null;
  const gridRef = useRef(grid);
  useEffect(() => {
    gridRef.current = grid;
  });
  const move = useVisitMove(() => gridRef.current);

  const [failure, setFailure] = useState<string | null>(null);
  const [picker, setPicker] = useState<Slot | null>(null);
  const [visit, setVisit] = useState<VisitDialogProps['target'] | null>(null);
  const [clientId, setClientId] = useState<string | null>(null);
  const cal = useRef<CalendarRef>(null);
  const box = useRef<HTMLDivElement>(null);
  const api = () => cal.current?.getApi();

  const visits = useMemo(() => data.visits.data ?? [], [data.visits.data]);
  const names = useMemo(() => new Map(data.employees.map((e) => [e.value, e.label])), [data.employees]);
  const hours = useMemo(() => shownHours(visits, tz), [visits, tz]);
  const soleUser = data.chosen.length === 1 ? data.chosen[0]! : data.employees.length === 1 ? data.employees[0]!.value : null;

  // The focused slot as FullCalendar places it: a real instant, or side by side the employee's column.
  const focusStart = side ? gridAt(focus.col, focus.wall.slice(11)) : instantAt(focus.wall, tz);
  const events = useMemo<EventInput[]>(() => {
    const list = [...visitEvents(visits, { canWrite, side: grid }), ...(data.working.data ? offHours(data.working.data, side ? gridAt(0, '00:00') : (range?.from ?? ''), grid) : [])];
    if (view === 'month') list.push({ id: 'focus', start: day, allDay: true, display: 'background', className: 'pl-vcal-focus', color: '#d0ebff' });
    else if (view !== 'list' && focusStart) list.push({ id: 'focus', start: focusStart, end: plusMin(focusStart, SLOT_MIN), display: 'background', className: 'pl-vcal-focus', color: '#d0ebff' });
    return list;
  }, [visits, canWrite, data.working.data, view, focusStart, columns.join(','), day, tz, range?.from]); // eslint-disable-line react-hooks/exhaustive-deps

  // The calendar follows the focus: a period key or an arrow past the edge shows the period it lands in.
  useEffect(() => {
    const a = api();
    if (!a) return;
    if (side) return;
    if (a.view.type !== FC_VIEW[view]) a.changeView(FC_VIEW[view], day);
    else if (!shown || day < shown.current[0] || day >= shown.current[1]) a.gotoDate(day);
  }, [day, view, side, shown]);

  const slotAt = (start: string, userId: string | null): Slot => ({ start, branchId, tz, userId });
  const book = (f = focus) => {
    const start = instantAt(f.wall, tz);
    if (!canWrite || !start) return;
    setPicker(slotAt(start, side ? (columns[f.col] ?? null) : soleUser));
  };
  const openAtFocus = () => {
    const at = instantAt(focus.wall, tz);
    if (!at) return;
    const hit = (v: VisitEvent) =>
      view === 'month' || view === 'list' ? wallClock(v.start, tz).startsWith(day) : Date.parse(v.start) <= Date.parse(at) && Date.parse(at) < Date.parse(v.end);
    const found = visits.find((v) => hit(v) && (!side || v.userId === columns[focus.col]));
    if (found) setVisit({ visitId: found.id });
  };
  const actions: VisitEventActions = {
    openVisit: (id) => setVisit({ visitId: id }),
    openClient: (id) => can('clients', 'read') && setClientId(id),
    mark: (v, status) => {
      setFailure(null);
      call('visits.setAttendance', { id: v.id, version: v.version, status }).catch((e: unknown) => setFailure(errorText(t, e)));
    },
  };
  // After a key moves the focused slot, it is scrolled into view.
  const keyed = useRef(false);
  useEffect(() => {
    if (!keyed.current) return;
    keyed.current = false;
    requestAnimationFrame(() => box.current?.querySelector('.pl-vcal-focus')?.scrollIntoView({ block: 'nearest' }));
  }, [focusStart]);
  const onKeys = calendarKeyDown({
    focus,
    view,
    cols: columns.length,
    setFocus,
    setView: (v) => setPrefs({ view: v }),
    today: () => setFocus(todayFocus(wallClock(Date.now(), tz), focus.col)),
    book: () => book(),
    open: openAtFocus,
  });
  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    keyed.current = true;
    onKeys(e);
  };

  const sideTitle = new Intl.DateTimeFormat(fmt.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day}T12:00:00Z`));
  const shownFailure = failure ?? move.failure;

  return (
    <div className="planora-page" data-testid="calendar-screen">
      <CalendarToolbar
        title={side ? sideTitle : (shown?.title ?? '')}
        zoneNote={zoneNote}
        prefs={{ ...prefs, branchId }}
        setPrefs={setPrefs}
        branches={mine.map((b) => ({ value: b.id, label: b.name }))}
        employees={data.employees}
        services={data.services.map((s) => ({ value: s.id, label: s.name }))}
        ownOnly={data.ownOnly}
        step={(dir) => setFocus(shiftPeriod(focus, dir, view))}
        today={() => setFocus(todayFocus(wallClock(Date.now(), tz), focus.col))}
      />
      {shownFailure && (
        <Alert color="red" p={4} px={8} role="alert" data-testid="vcal-error">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{shownFailure}</Text>
            <CloseButton size="xs" aria-label={t('common.close')} onClick={() => (setFailure(null), move.clearFailure())} />
          </Group>
        </Alert>
      )}
      <div className="pl-vcal-row">
        <div className="pl-vcal" ref={box} tabIndex={0} onKeyDown={onKeyDown} aria-label={t('calendar.title')} aria-describedby="pl-vcal-help" data-testid="vcal" data-focus={`${focus.wall}|${focus.col}`}>
          <FullCalendar
            key={side ? `side-${columns.length}` : `tz-${tz}`}
            ref={cal}
            plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicTheme]}
            initialView={FC_VIEW[view]}
            initialDate={side ? GRID_BASE : day}
            views={{ sideBySide: { type: 'timeGrid', duration: { days: Math.max(1, columns.length) } } }}
            headerToolbar={false}
            locale={FC_LOCALES[i18n.language as Language] ?? FC_LOCALES.en}
            timeZone={side ? 'UTC' : tz}
            // The calendar grows to its content and the box around it scrolls: that box is the one focusable,
            // keyboard-driven region (FullCalendar's own scroller could not take the focus inside its table roles).
            height="auto"
            nowIndicator={!side}
            allDaySlot={false}
            slotMinTime={hours.min}
            slotMaxTime={hours.max}
            slotDuration="00:30:00"
            dayMaxEvents={4}
            editable={canWrite}
            eventDurationEditable={canWrite}
            events={events}
            // The event's own time and name are its links (the seed's card): the event itself is not one more button.
            eventInteractive={false}
            eventDrop={move.onDrop}
            eventResize={move.onResize}
            dayHeaderContent={
              side
                ? (arg) => {
                    const name = names.get(columns[columnOf(arg.date)] ?? '') ?? '';
                    return (
                      <b title={name} data-testid="vcal-column">
                        {name}
                      </b>
                    );
                  }
                : undefined
            }
            dateClick={(info) => {
              if (view === 'month') return (setFocus({ wall: `${info.dateStr.slice(0, 10)}T${focus.wall.slice(11)}`, col: 0 }), setPrefs({ view: 'day' }));
              const at = grid ? fromColumn(info.date, tz, day, columns.length) : { col: 0, instant: info.date.toISOString() };
              const f = { wall: snapToSlot(wallClock(at.instant, tz)), col: at.col };
              setFocus(f);
              book(f);
            }}
            eventContent={(arg) => {
              const v = (arg.event.extendedProps as Partial<VisitEventProps>).visit;
              if (!v) return undefined;
              return <VisitEventContent visit={v} timeText={arg.timeText} showUser={!side && !soleUser} canWrite={canWrite} actions={actions} />;
            }}
            viewDidMount={() => requestAnimationFrame(() => scrollToMorning(box.current))}
            datesSet={(info) => {
              const cur = (d: Date) => wallClock(d.getTime(), tz).slice(0, 10);
              if (!side) setShown({ from: info.start.toISOString(), to: info.end.toISOString(), current: [cur(info.view.currentStart), cur(info.view.currentEnd)], title: info.view.title });
            }}
          />
        </div>
        <ReminderLegend />
      </div>
      <VisuallyHidden aria-live="polite">{t('calendar.focusedSlot', { time: fmt.wall(focus.wall) })}</VisuallyHidden>
      <Text size="xs" c="dimmed" id="pl-vcal-help" className="pl-vcal-help" data-testid="vcal-help">
        {t('calendar.keysHelp')}
      </Text>
      {picker && (
        <SlotPicker
          slot={picker}
          employees={side || !soleUser ? data.employees : data.employees.filter((e) => e.value === soleUser)}
          onClose={() => setPicker(null)}
          onClient={(cid, userId) => (setPicker(null), setVisit({ draft: { userId, branchId, start: picker.start, clientId: cid } }))}
        />
      )}
      {visit && <VisitDialog target={visit} onClose={() => setVisit(null)} />}
      {move.freed && <AsapOffers slot={move.freed} timeZone={tz} onClose={move.closeFreed} />}
      <AddressedVisit />
      {clientId && <ClientForm opened clientId={clientId} readOnly={!can('clients', 'write')} onClose={() => setClientId(null)} onSaved={() => setClientId(null)} />}
      <Modal opened={!!move.outside} onClose={move.cancelOutside} title={t('calendar.outsideHoursTitle')} size="sm" zIndex={350} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm" mb="md">
          {t('calendar.outsideHours')}
        </Text>
        <DialogButtons onCancel={move.cancelOutside} label={t('calendar.bookAnyway')} onConfirm={move.confirmOutside} color="orange" autoFocus testId="vcal-outside-confirm" />
      </Modal>
    </div>
  );
}
