import { interventionAddress } from '../interventions/addressed';
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { HomeSection } from './HomeSection';
import { StatusBadge } from './StatusBadge';

/** The person's open interventions: given to them, or calls they took, most urgent first; each opens its form. */
export function OpenInterventionsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useApiQuery('home.openInterventions', {});
  const rows = q.data?.rows ?? [];
  return (
    <HomeSection title={t('home.openInterventions')} testId="home-open" count={q.data?.total} loading={q.isPending} error={q.error} isEmpty={rows.length === 0} empty={t('home.noOpen')}>
      <Table fz="xs" verticalSpacing={2} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('interventions.col.client')}</Table.Th>
            <Table.Th>{t('interventions.col.status')}</Table.Th>
            <Table.Th>{t('interventions.col.startAt')}</Table.Th>
            <Table.Th>{t('home.why')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="home-open-row">
              <Table.Td maw={220} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={interventionAddress({ open: r.id })} size="xs">
                  {r.number ? `${r.number} · ` : ''}
                  {r.client}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge status={r.status} priority={r.priority} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.startAt ? fmt.zoned(r.startAt, r.timeZone) : fmt.date(r.docDate)}</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {t(r.assignedToMe ? 'home.assignedToMe' : 'home.takenByMe')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </HomeSection>
  );
}
