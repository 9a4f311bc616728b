import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { ApprovalKind, requestedLine } from '../interventions/approvalParts';
import { HomeSection } from './HomeSection';
import { DocumentLink, HomeTable } from './HomeTable';

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
      <HomeTable titles={[t('interventions.approvals.kind'), t('interventions.col.client'), t('interventions.approvals.requested')]}>
        {rows.map((a) => (
          <Table.Tr key={a.id} data-testid="home-approval">
            <Table.Td>
              <ApprovalKind kind={a.kind} />
            </Table.Td>
            <Table.Td>
              <DocumentLink id={a.interventionId} number={a.number} client={a.client} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{requestedLine(a, fmt)}</Table.Td>
          </Table.Tr>
        ))}
      </HomeTable>
    </HomeSection>
  );
}
