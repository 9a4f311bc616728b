import { interventionAddress } from '../interventions/addressed';
import { Anchor, Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { HomeSection } from './HomeSection';

/** Approvals waiting: for a manager, the requests to decide; for the others, their own requests not yet decided. */
export function ApprovalsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useApiQuery('home.approvals', {});
  const rows = q.data?.rows ?? [];
  const decides = q.data?.decides ?? false;
  return (
    <HomeSection
      title={t(decides ? 'home.approvalsToDecide' : 'home.approvalsAsked')}
      testId="home-approvals"
      count={q.data ? rows.length : undefined}
      loading={q.isPending}
      error={q.error}
      isEmpty={rows.length === 0}
      empty={t(decides ? 'home.noApprovalsToDecide' : 'home.noApprovalsAsked')}
    >
      <Table fz="xs" verticalSpacing={2} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('interventions.approvals.kind')}</Table.Th>
            <Table.Th>{t('interventions.col.client')}</Table.Th>
            <Table.Th>{t('interventions.approvals.requested')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id} data-testid="home-approval">
              <Table.Td>
                <Badge size="xs" tt="none" variant="light" color={a.kind === 'cancel' ? 'red' : 'green'}>
                  {t(`interventions.approvals.kinds.${a.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={interventionAddress({ open: a.interventionId })} size="xs">
                  {a.number ? `${a.number} · ` : ''}
                  {a.client}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {a.requestedBy ?? ''} · {fmt.dateTime(a.requestedAt)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </HomeSection>
  );
}
