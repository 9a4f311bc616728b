import { Anchor, Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { apiError, errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { EmptyRow, TableHead } from '../../components/tableParts';
import { STATUS_COLOR, statusLabel } from '../interventions/model';
import { interventionAddress } from '../interventions/addressed';

/**
 * The client's interventions on their card, newest first, and a new one for them. Read through the interventions
 * module: someone who may not read interventions is refused in main, and the section is not shown to them.
 * `busy`: the card has unsaved edits, which leaving for an intervention would lose.
 */
export function ClientInterventions({ clientId, busy }: { clientId: string; busy: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const mayRead = can('interventions', 'read');
  const list = useApiQuery('interventions.ofClient', { clientId }, { enabled: mayRead });
  if (!mayRead || apiError(list.error)?.code === 'forbidden') return null;

  const rows = list.data?.rows ?? [];
  const go = (to: { open: string } | { newFor: string }) => void navigate(interventionAddress(to));
  return (
    <section data-testid="client-interventions">
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Title order={3} size="sm">
          {t('clients.history.title')}
          {list.data && list.data.total > rows.length ? ` (${fmt.number(rows.length)} / ${fmt.number(list.data.total)})` : ''}
        </Title>
        {can('interventions', 'write') && (
          <Button variant="default" disabled={busy} onClick={() => go({ newFor: clientId })} data-testid="client-new-intervention">
            {t('clients.history.newIntervention')}
          </Button>
        )}
      </Group>
      <Table withTableBorder verticalSpacing={2} horizontalSpacing={8} fz="sm" highlightOnHover data-testid="client-interventions-table">
        <TableHead titles={[t('interventions.col.number'), t('interventions.col.docDate'), t('interventions.col.status'), t('interventions.col.type'), t('interventions.col.takenBy')]} />
        <Table.Tbody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={5}>{list.isLoading ? t('common.loading') : list.isError ? errorText(t, list.error) : t('clients.history.none')}</EmptyRow>
          ) : (
            rows.map((r) => (
              <Table.Tr key={r.id} data-testid="client-intervention-row" style={{ cursor: busy ? undefined : 'pointer' }} onClick={() => !busy && go({ open: r.id })}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" disabled={busy} onClick={(e) => (e.stopPropagation(), go({ open: r.id }))}>
                    {r.number ?? t('interventions.form.draft')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{fmt.date(`${r.docDate}T12:00:00Z`)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS_COLOR[r.status]}>
                    {statusLabel(t, r.status)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.type ?? ''}</Table.Td>
                <Table.Td>
                  <Text size="sm" truncate>
                    {r.takenBy ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </section>
  );
}
