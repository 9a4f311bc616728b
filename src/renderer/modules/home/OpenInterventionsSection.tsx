import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { HomeSection } from './HomeSection';
import { DocumentLink, HomeTable } from './HomeTable';
import { StatusBadge } from './StatusBadge';

/** The person's open interventions: given to them, or calls they took, most urgent first; each opens its form. */
export function OpenInterventionsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useApiQuery('home.openInterventions', {});
  const rows = q.data?.rows ?? [];
  return (
    <HomeSection title={t('home.openInterventions')} testId="home-open" count={q.data?.total} loading={q.isPending} error={q.error} isEmpty={rows.length === 0} empty={t('home.noOpen')}>
      <HomeTable titles={[t('interventions.col.client'), t('interventions.col.status'), t('interventions.col.startAt'), t('home.why')]}>
        {rows.map((r) => (
          <Table.Tr key={r.id} data-testid="home-open-row">
            <Table.Td maw={220} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              <DocumentLink id={r.id} number={r.number} client={r.client} />
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
      </HomeTable>
    </HomeSection>
  );
}
