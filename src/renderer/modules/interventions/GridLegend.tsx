import { Button, Popover, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../shared/api/interventions';
import { statusLabel } from './model';

/**
 * What the grid's row shading and marks mean, beside the totals under the grid (the toolbar's row is kept for what
 * acts on documents), drawn with the grid's own classes (interventions.css), so the
 * legend cannot drift from what the rows show.
 */
export function GridLegend() {
  const { t } = useTranslation();
  return (
    <Popover position="top-end" shadow="md" width={330} zIndex={400} withinPortal>
      <Popover.Target>
        <Button variant="default" size="xs" data-testid="iv-legend">
          {t('interventions.legend.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="iv-legend-panel">
        <Stack gap={6}>
          <Text fw={600} size="sm" component="h2" m={0}>
            {t('interventions.legend.title')}
          </Text>
          <Text size="xs">{t('interventions.legend.stripe')}</Text>
          {STATUSES.map((s) => (
            <div key={s} className="pl-legend-row">
              <span className={`pl-legend-flag pl-flag pl-flag-${s}`} aria-hidden />
              <span className={`pl-status pl-status-${s}`}>{statusLabel(t, s)}</span>
            </div>
          ))}
          <div className="pl-legend-row pl-legend-sample pl-legend-high">{t('interventions.legend.highPriority')}</div>
          <div className="pl-legend-row pl-legend-sample pl-legend-closed">{t('interventions.legend.finalized')}</div>
          <div className="pl-legend-row pl-legend-sample pl-legend-closed">
            <s>{t('interventions.legend.cancelled')}</s>
          </div>
          <Text size="xs" className="pl-legend-warning">
            {t('interventions.legend.warning')}
          </Text>
          <Text size="xs">{t('interventions.legend.priority')}</Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
