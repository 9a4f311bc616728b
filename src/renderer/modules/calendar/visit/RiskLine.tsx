import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VisitReminders } from '../../../../shared/api/reminders';
import { RISK_HIGH, RISK_MEDIUM } from '../../../../shared/rules/reminders';

type Risk = NonNullable<VisitReminders['risk']>;
/** The rules' levels (high: an extra reminder by the organization's policy). */
const level = (score: number) => (score >= RISK_HIGH ? 'high' : score >= RISK_MEDIUM ? 'medium' : 'low');
const COLOUR = { high: 'red', medium: 'orange', low: 'teal' } as const;

/** The no-show risk: the score, its level, and each reason with the points it added, so a clerk can say why. */
export function RiskLine({ risk }: { risk: Risk }) {
  const { t } = useTranslation();
  const l = level(risk.score);
  return (
    <Stack gap={2} data-testid="visit-risk" data-score={risk.score}>
      <Group gap={6}>
        <Text size="xs" fw={600}>
          {t('remindersUi.risk.title')}
        </Text>
        <Badge size="sm" color={COLOUR[l]} variant="light" data-testid="visit-risk-score">
          {t(`remindersUi.risk.${l}`, { score: risk.score })}
        </Badge>
      </Group>
      {risk.reasons.length > 0 && (
        <List size="xs" spacing={0} data-testid="visit-risk-reasons">
          {risk.reasons.map((r) => (
            <List.Item key={r.key}>
              {t(r.key, r.params)} <Text span size="xs" c="dimmed">(+{r.points})</Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
