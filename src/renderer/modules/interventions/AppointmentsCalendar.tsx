import { errorText } from '../../app/errors';
import { FC_LOCALES } from '../../components/fcLocales';
import { useEffect, useMemo, useRef, useState, useLayoutEffect } from 'react';
import { Alert, Button, CloseButton, Group, SegmentedControl, Select, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import FullCalendar, { type CalendarRef, type EventChangeInfo, type EventInput, type EventSourceFuncInfo } from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import classicTheme from '@fullcalendar/react/themes/classic';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import type { Language } from '../../../shared/i18n/languages';
import type { Priority, Status } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { useCan, useSession } from '../../app/session';
import { deviceZone, useZoneNote } from '../../app/format';
import { seesAllBranches } from '../../../shared/permissions';
import { InterventionForm } from './InterventionForm';
import { STATUS_HEX, priorityLabel, statusLabel } from './model';
import { useInterventionSettings } from './SettingsDialog';
import { UserSelect } from './selects';
import { CalendarLegend } from './CalendarLegend';
import { OverlapNote, type PlannedSlot } from './OverlapNote';
import { useHelpTopic } from '../../app/help';
import { APPOINTMENTS_HELP } from './help';
import './interventions.css';


type ViewKind = 'timeGridDay' | 'timeGridWeek' | 'dayGridMonth' | 'custom';

interface EventMeta {
  version: number;
  status: Status;
  priority: Priority;
  personId: string | null;
  person: string | null;
}

/**
 * Appointments: scheduled interventions by day, week, month or the configured number of days, for everyone or one person.
 * Drag or stretch an appointment to move it (main applies the form's rules; a refusal puts it back and says why);
 * a click opens the document.
 */
export function AppointmentsCalendar() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const canWrite = can('interventions', 'write');
  useHelpTopic(APPOINTMENTS_HELP);
  const settings = useInterventionSettings();
  const daysShown = settings.data?.daysShown ?? 7;
  const cal = useRef<CalendarRef>(null);
  const [view, setView] = useState<ViewKind>(() => (localStorage.getItem('planora.appointments.view') as ViewKind | null) ?? 'timeGridWeek');
  const [personId, setPersonId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  // The last move that went through, checked against the person's other work.
  const [moved, setMoved] = useState<PlannedSlot | null>(null);
  const [editor, setEditor] = useState<{ id: string | null; seq: number; open: boolean }>({ id: null, seq: 0, open: false });
  const personRef = useRef(personId);

  // The calendar runs on one branch's clock. Where the clerk's branches keep different clocks they pick the branch
  // (and see its appointments only); otherwise every branch shows, on their shared clock.
  const { user } = useSession();
  const branches = useQuery({ queryKey: ['branches.list', {}], queryFn: () => call('branches.list', {}), staleTime: 60_000 });
  const mine = useMemo(() => (branches.data ?? []).filter((b) => seesAllBranches(user.role) || user.branchIds.includes(b.id)), [branches.data, user]);
  const zones = new Set(mine.map((b) => b.timeZone));
  const [branchPick, setBranchPick] = useState<string | null>(null);
  const branch = zones.size > 1 ? (mine.find((b) => b.id === branchPick) ?? mine[0]) : undefined;
  const zone = branch?.timeZone ?? mine[0]?.timeZone ?? deviceZone();
  const zoneNote = useZoneNote(zone);
  const branchRef = useRef<string | null>(null);
  // What the calendar's event source reads when it next asks (it is not rebuilt for them).
  useLayoutEffect(() => {
    personRef.current = personId;
    branchRef.current = branch?.id ?? null;
  });

  const api = () => cal.current?.getApi();

  useEffect(() => {
    localStorage.setItem('planora.appointments.view', view);
    api()?.changeView(view);
  }, [view]);
  useEffect(() => {
    api()?.refetchEvents();
  }, [personId, branch?.id]);

  // `interventions.changed` from main invalidates this query: the calendar reads its events again.
  const changes = useQuery({ queryKey: ['interventions.calendar-refresh'], queryFn: async () => Date.now(), staleTime: Infinity });
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (seen.current !== undefined && changes.data !== seen.current) api()?.refetchEvents();
    seen.current = changes.data;
  }, [changes.data]);

  const events = useMemo(
    () => async (info: EventSourceFuncInfo): Promise<EventInput[]> => {
      const rows = await call('interventions.calendar', { from: info.start.toISOString(), to: info.end.toISOString(), personId: personRef.current, branchId: branchRef.current });
      return rows.map((e) => ({
        id: e.id,
        title: e.title,
        start: e.start,
        end: e.end,
        // FullCalendar 7 colours an event by `color` and `contrastColor` (its older backgroundColor/textColor are
        // taken as plain extended props and ignored): dark status colours under white text, urgent ones marked.
        color: STATUS_HEX[e.status],
        contrastColor: '#fff',
        className: [e.priority === 'high' && 'pl-cal-urgent', e.overlap && 'pl-cal-overlap'].filter(Boolean).join(' ') || undefined,
        editable: canWrite && e.status !== 'finalized' && e.status !== 'cancelled',
        extendedProps: { version: e.version, status: e.status, priority: e.priority, personId: e.personId, person: e.person } satisfies EventMeta,
      }));
    },
    [canWrite],
  );

  const reschedule = async (info: EventChangeInfo) => {
    const ev = info.event;
    const meta = ev.extendedProps as EventMeta;
    setFailure(null);
    setMoved(null);
    if (!ev.start) return info.revert();
    const end = ev.end ?? new Date(ev.start.getTime() + 3_600_000);
    try {
      const res = await call('interventions.reschedule', { id: ev.id, version: meta.version, startAt: ev.start.toISOString(), endAt: end.toISOString() });
      ev.setExtendedProp('version', res.version);
      setMoved({ personId: meta.personId, person: meta.person, startAt: res.startAt, endAt: res.endAt, excludeId: ev.id });
      // Overlap marks are worked out in main over everything shown: read them again.
      api()?.refetchEvents();
    } catch (e) {
      info.revert();
      setFailure(errorText(t, e));
    }
  };

  const locale = FC_LOCALES[(i18n.language as Language) ?? 'en'] ?? FC_LOCALES.en;

  return (
    <div className="planora-page" data-testid="appointments-screen">
      <Group gap={6} justify="space-between" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <Title order={1} size="h5" mr={6} style={{ whiteSpace: 'nowrap' }}>
            {t('interventions.appointments.title')}
          </Title>
          <Button variant="default" onClick={() => api()?.prev()} aria-label={t('interventions.appointments.prev')} data-testid="cal-prev">
            ‹
          </Button>
          <Button variant="default" onClick={() => api()?.today()} data-testid="cal-today">
            {t('interventions.appointments.today')}
          </Button>
          <Button variant="default" onClick={() => api()?.next()} aria-label={t('interventions.appointments.next')} data-testid="cal-next">
            ›
          </Button>
          <Text fw={600} size="sm" ml={6} data-testid="cal-title" style={{ whiteSpace: 'nowrap' }}>
            {title}
          </Text>
          {zoneNote && (
            <Text size="xs" c="dimmed" data-testid="cal-zone-note" style={{ whiteSpace: 'nowrap' }}>
              {zoneNote}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as ViewKind)}
            data={[
              { value: 'timeGridDay', label: t('interventions.appointments.day') },
              { value: 'timeGridWeek', label: t('interventions.appointments.week') },
              { value: 'dayGridMonth', label: t('interventions.appointments.month') },
              { value: 'custom', label: t('interventions.appointments.days', { count: daysShown }) },
            ]}
            data-testid="cal-view"
          />
          {zones.size > 1 && (
            <Select
              w={160}
              aria-label={t('fields.branchId')}
              data={mine.map((b) => ({ value: b.id, label: b.name }))}
              value={branch?.id ?? null}
              onChange={setBranchPick}
              allowDeselect={false}
              data-testid="cal-branch"
            />
          )}
          <UserSelect w={220} placeholder={t('interventions.appointments.everyone')} aria-label={t('interventions.appointments.person')} value={personId} onChange={setPersonId} data-testid="cal-person" />
          <Button variant="subtle" onClick={() => (location.hash = '#/interventions')} data-testid="cal-back">
            {t('interventions.appointments.back')}
          </Button>
        </Group>
      </Group>
      {failure && (
        <Alert color="red" p={4} px={8} role="alert" data-testid="cal-error">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{failure}</Text>
            <CloseButton size="xs" onClick={() => setFailure(null)} />
          </Group>
        </Alert>
      )}
      {moved && <OverlapNote {...moved} withAllowed={false} />}
      <div className="pl-cal-row">
        <div className="pl-calendar" data-testid="appointments-calendar">
          <FullCalendar
            ref={cal}
            plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin, classicTheme]}
            initialView={view}
            views={{ custom: { type: 'timeGrid', duration: { days: daysShown } } }}
            headerToolbar={false}
            locale={locale}
            timeZone={zone}
            height="100%"
            nowIndicator
            allDaySlot={false}
            slotMinTime="06:00:00"
            slotMaxTime="22:00:00"
            scrollTime="08:00:00"
            dayMaxEvents={4}
            editable={canWrite}
            eventDurationEditable={canWrite}
            events={events}
            eventDrop={reschedule}
            eventResize={reschedule}
            eventClick={(info) => {
              info.jsEvent.preventDefault();
              setEditor((e) => ({ id: info.event.id, seq: e.seq + 1, open: true }));
            }}
            eventContent={(arg) => {
              const m = arg.event.extendedProps as EventMeta;
              return (
                <div className="pl-cal-event" title={`${arg.event.title}\n${m.person ?? ''}\n${statusLabel(t, m.status)} · ${priorityLabel(t, m.priority)}`} data-testid="cal-event">
                  <b>{arg.timeText}</b> {arg.event.title}
                  {m.person && !personId && <div className="pl-cal-person">{m.person}</div>}
                </div>
              );
            }}
            datesSet={(info) => setTitle(info.view.title)}
          />
        </div>
        <CalendarLegend />
      </div>
      <InterventionForm
        key={editor.seq}
        opened={editor.open}
        id={editor.id}
        onClose={() => setEditor((e) => ({ ...e, open: false }))}
        onSaved={(_, closed) => {
          if (closed) setEditor((e) => ({ ...e, open: false }));
          api()?.refetchEvents();
        }}
      />
    </div>
  );
}
