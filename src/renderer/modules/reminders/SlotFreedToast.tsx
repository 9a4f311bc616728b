import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../app/format';
import { PushToast, usePushQueue } from '../../components/PushToast';

/** The best fits named on the toast; the calendar lists them all. */
const NAMED = 3;

/** Where "Offer the slot" leads: the calendar with the visit open, its slot to be offered (`offer=1`). */
export const offerAddress = (visitId: string) => `/calendar?visit=${visitId}&offer=1`;

/**
 * A client pressed 2 on a reminder call: the slot is told at once to the branch's clerks (main sends it to those who
 * see the branch and its calendar), with the ASAP clients who fit it best. One toast; several freed slots queue behind
 * it (counted), newest first, until each is offered or dismissed — the clerk decides, nothing hides by itself.
 */
export function SlotFreedToast() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { shown, more, dismiss } = usePushQueue('reminders.slotFreed', { key: (p) => p.visitId });
  if (!shown) return null;
  const best = shown.offers.slice(0, NAMED).map((o) => o.clientName);
  const weekday = new Intl.DateTimeFormat(fmt.locale, { weekday: 'short', timeZone: shown.timeZone }).format(Date.parse(shown.start));
  return (
    <PushToast
      color="red"
      title={t('slotFreed.title', { client: shown.clientName ?? '—' })}
      more={more}
      onClose={dismiss}
      action={{
        label: t('slotFreed.offer'),
        testId: 'slot-freed-offer',
        onClick: () => {
          dismiss();
          void navigate(offerAddress(shown.visitId));
        },
      }}
      testId="slot-freed-toast"
    >
      <div data-testid="slot-freed-when">{`${weekday} ${fmt.zoned(shown.start, shown.timeZone)}, ${shown.userName}`}</div>
      <div data-testid="slot-freed-offers">
        {shown.offers.length ? t('slotFreed.waiting', { count: shown.offers.length, names: best.join(', ') }) : t('slotFreed.noneWaiting')}
      </div>
    </PushToast>
  );
}
