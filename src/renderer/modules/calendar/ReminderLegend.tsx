import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { REMINDER_STATES } from '../../../shared/api/visits';
import { REMINDER_HEX } from './calendarEvents';

/** Beside the calendar: the four reminder colours (the events' left border), the marks, and what grey means. */
export function ReminderLegend() {
  const { t } = useTranslation();
  return (
    <Stack gap={4} className="pl-vcal-legend" role="group" aria-labelledby="pl-visit-legend-title" data-testid="visit-legend">
      <Text id="pl-visit-legend-title" fw={600} size="xs">
        {t('calendar.legend')}
      </Text>
      {REMINDER_STATES.map((s) => (
        <Text key={s} size="xs" className="pl-vcal-legend-row" data-testid={`visit-legend-${s}`}>
          <span className="pl-vcal-swatch" style={{ background: REMINDER_HEX[s] }} aria-hidden />
          {t(`calendar.reminder.${s}`)}
        </Text>
      ))}
      <Text size="xs" className="pl-vcal-legend-row">
        <span className="pl-vcal-swatch pl-vcal-off-swatch" aria-hidden />
        {t('calendar.offHours')}
      </Text>
      <Text size="xs">
        <b>{t('calendar.markFirst')}</b> {t('calendar.firstConsultation')}
      </Text>
      <Text size="xs">
        <b>ASAP</b> {t('calendar.asapHint')}
      </Text>
      <Text size="xs">
        <b>€€</b> {t('calendar.unpaid')}
      </Text>
      <Text size="xs">
        <b>☀</b> {t('calendar.arrived')} · <b>✕</b> {t('calendar.noShow')}
      </Text>
    </Stack>
  );
}
