import { Checkbox, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InterventionSettings } from '../../../shared/api/interventionSettings';

type Limit = 'warningHours' | 'unconfirmedHours' | 'overdueGraceMinutes';
/** Each warning's limit: its range (as main checks it) and what it starts from when switched on. */
const LIMITS: { key: Limit; min: number; max: number; initial: number; label: string }[] = [
  { key: 'warningHours', min: 1, max: 720, initial: 24, label: 'interventions.settings.warningHours' },
  { key: 'unconfirmedHours', min: 1, max: 720, initial: 8, label: 'interventions.settings.unconfirmedHours' },
  { key: 'overdueGraceMinutes', min: 0, max: 1440, initial: 60, label: 'interventions.settings.overdueGraceMinutes' },
];

/** The seed's "Avertizari": each warning on or off, with its limit. */
export function WarningSettings(p: { value: InterventionSettings; onChange<K extends Limit>(k: K, v: InterventionSettings[K]): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('interventions.settings.warnings')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('interventions.settings.warningsHint')}
      </Text>
      {LIMITS.map((l) => {
        const v = p.value[l.key];
        return (
          <Group key={l.key} gap="sm" align="center" wrap="nowrap">
            <Checkbox
              aria-label={t(l.label)}
              checked={v != null}
              onChange={(e) => p.onChange(l.key, e.currentTarget.checked ? l.initial : null)}
              data-testid={l.key === 'warningHours' ? 'setting-warnings' : `setting-${l.key}-on`}
            />
            <NumberInput
              label={t(l.label)}
              min={l.min}
              max={l.max}
              w={340}
              disabled={v == null}
              value={v ?? l.initial}
              onChange={(n) => p.onChange(l.key, typeof n === 'number' ? n : l.initial)}
              data-testid={`setting-${l.key}`}
            />
          </Group>
        );
      })}
    </Stack>
  );
}
