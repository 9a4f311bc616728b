import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../shared/api/interventions';
import { STATUS_HEX, statusLabel } from './model';

/** Beside the appointments: what each event colour and mark means (the same colours the events are drawn in). */
export function CalendarLegend() {
  const { t } = useTranslation();
  return (
    <Stack gap={4} className="pl-cal-legend" role="group" aria-labelledby="pl-cal-legend-title" data-testid="cal-legend">
      <Text id="pl-cal-legend-title" fw={600} size="xs">
        {t('interventions.appointments.legend')}
      </Text>
      {STATUSES.filter((s) => s !== 'cancelled').map((s) => (
        <Text key={s} size="xs" className="pl-cal-legend-row" data-testid={`cal-legend-${s}`}>
          <span className="pl-cal-swatch" style={{ background: STATUS_HEX[s] }} aria-hidden />
          {statusLabel(t, s)}
        </Text>
      ))}
      <Text size="xs" className="pl-cal-legend-row">
        <span className="pl-cal-swatch pl-cal-urgent" aria-hidden />
        {t('interventions.appointments.urgent')}
      </Text>
      <Text size="xs" className="pl-cal-legend-row">
        <span className="pl-cal-swatch pl-cal-overlap" aria-hidden />
        {t('interventions.appointments.overlap')}
      </Text>
    </Stack>
  );
}
