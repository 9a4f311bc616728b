import { useTranslation } from 'react-i18next';
import type { VisitEvent } from '../../../shared/api/visits';

export interface VisitEventActions {
  openVisit(id: string): void;
  openClient(id: string): void;
  /** The sun and the x: `booked` again when the mark already set is pressed (a mark made by mistake). */
  mark(v: VisitEvent, status: 'booked' | 'arrived' | 'no_show'): void;
}

/**
 * One visit on the calendar, as the seed's card: the time opens the visit, the client's name opens the client, the
 * sun (arrived) and the x (did not arrive), PK and ASAP marks, €€ while something is unpaid. Its buttons stop the
 * click so FullCalendar does not take it for the start of a drag.
 */
export function VisitEventContent(p: { visit: VisitEvent; timeText: string; showUser: boolean; canWrite: boolean; actions: VisitEventActions }) {
  const { t } = useTranslation();
  const v = p.visit;
  const stop = (e: React.SyntheticEvent) => e.stopPropagation();
  const reminder = t(`calendar.reminder.${v.reminder}`);
  const attendance = v.kind === 'visit' && v.status !== 'cancelled' && p.canWrite;
  const title = [p.timeText, v.clientName ?? t('calendar.break'), v.serviceName, p.showUser ? v.userName : null, v.kind === 'visit' ? reminder : null, v.status === 'cancelled' ? t('calendar.cancelled') : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="pl-visit-body" title={title} data-testid="vcal-event" data-visit={v.id} data-reminder={v.reminder} data-status={v.status}>
      <div className="pl-visit-line">
        <button type="button" className="pl-visit-link" onMouseDown={stop} onClick={(e) => (stop(e), p.actions.openVisit(v.id))} data-testid="ev-time">
          {p.timeText}
        </button>
        {v.kind === 'break' ? (
          <span className="pl-visit-client">{t('calendar.break')}</span>
        ) : (
          <button type="button" className="pl-visit-link pl-visit-client" onMouseDown={stop} onClick={(e) => (stop(e), v.clientId && p.actions.openClient(v.clientId))} data-testid="ev-client">
            {v.clientName}
          </button>
        )}
        {v.firstConsultation && (
          <span className="pl-visit-mark" title={t('calendar.firstConsultation')}>
            {t('calendar.markFirst')}
          </span>
        )}
        {v.asap && (
          <span className="pl-visit-mark" title={t('calendar.asapHint')}>
            ASAP
          </span>
        )}
        {v.unpaid && v.status !== 'cancelled' && (
          <span className="pl-visit-mark pl-visit-unpaid" title={t('calendar.unpaid')} data-testid="ev-unpaid">
            €€
          </span>
        )}
        {attendance && (
          <span className="pl-visit-marks">
            <MarkButton visit={v} status="arrived" label={t('calendar.arrived')} mark={p.actions.mark} testId="ev-arrived" glyph="☀" />
            <MarkButton visit={v} status="no_show" label={t('calendar.noShow')} mark={p.actions.mark} testId="ev-no-show" glyph="✕" />
          </span>
        )}
      </div>
      {v.serviceName && <div className="pl-visit-sub">{v.serviceName}</div>}
      {p.showUser && <div className="pl-visit-sub">{v.userName}</div>}
    </div>
  );
}

/** The sun or the x: pressed again, the mark is taken back (`booked`). */
function MarkButton(p: { visit: VisitEvent; status: 'arrived' | 'no_show'; label: string; glyph: string; testId: string; mark: VisitEventActions['mark'] }) {
  const on = p.visit.status === p.status;
  return (
    <button
      type="button"
      className="pl-visit-att"
      aria-pressed={on}
      aria-label={p.label}
      title={p.label}
      onMouseDown={(e) => e.stopPropagation()}
      onClick={(e) => (e.stopPropagation(), p.mark(p.visit, on ? 'booked' : p.status))}
      data-testid={p.testId}
    >
      {p.glyph}
    </button>
  );
}
