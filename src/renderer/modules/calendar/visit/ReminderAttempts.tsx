import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../app/apiQuery';
import { useFormat } from '../../../app/format';

/** Every call attempt of the visit, oldest first: when, what came of it, the key pressed, how long, billable or not. */
export function ReminderAttempts({ visitId, timeZone }: { visitId: string; timeZone: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useApiQuery('reminders.attempts', { visitId }, { staleTime: 0 });
  const rows = q.data ?? [];
  if (!rows.length) return null;
  return (
    <Table verticalSpacing={2} horizontalSpacing={6} fz="xs" withTableBorder data-testid="visit-attempts">
      <Table.Thead>
        <Table.Tr>
          {['time', 'outcome', 'key', 'duration', 'billable'].map((c) => (
            <Table.Th key={c} ta={c === 'duration' ? 'right' : undefined}>
              {t(`remindersUi.attempt.${c}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((a) => (
          <Table.Tr key={a.id} data-testid="visit-attempt" data-outcome={a.outcome ?? 'calling'}>
            <Table.Td>{fmt.zoned(a.startedAt, timeZone, false)}</Table.Td>
            <Table.Td>
              {a.outcome ? t(`remindersUi.outcome.${a.outcome}`) : t('remindersUi.callState.ringing')}
              {a.sipCode ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({a.sipCode})
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{a.key ?? '—'}</Table.Td>
            <Table.Td ta="right">{t('remindersUi.attempt.seconds', { n: fmt.number(a.seconds) })}</Table.Td>
            <Table.Td>{a.billable ? t('remindersUi.attempt.yes') : t('remindersUi.attempt.no')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
