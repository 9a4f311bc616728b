import { Alert, Button, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { ApprovalKind, requestedLine } from './approvalParts';

/** The approvals queue: cancellations and finalizations waiting for a manager. */
export function ApprovalsPanel(p: { opened: boolean; onClose(): void; onOpenIntervention(id: string): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const queue = useApiQuery('interventions.approvals', {}, { enabled: p.opened, staleTime: 0 });
  const deciding = useApiMutation('interventions.decide', { onSuccess: () => qc.invalidateQueries({ queryKey: ['interventions.approvals'] }) });
  const busy = deciding.isPending ? deciding.variables.approvalId : null;
  const decide = (approvalId: string, approve: boolean) => deciding.mutate({ approvalId, approve });
  return (
    <Drawer opened={p.opened} onClose={p.onClose} position="right" size={720} title={t('interventions.approvals.title')} zIndex={250}>
      <Stack gap="xs" data-testid="approvals-panel">
        {deciding.error && (
          <Alert color="red" p="xs">
            {errorText(t, deciding.error)}
          </Alert>
        )}
        {(queue.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('interventions.approvals.empty')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('interventions.approvals.kind')}</Table.Th>
                <Table.Th>{t('interventions.col.number')}</Table.Th>
                <Table.Th>{t('interventions.col.client')}</Table.Th>
                <Table.Th>{t('interventions.approvals.requested')}</Table.Th>
                <Table.Th>{t('interventions.cancelReason')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(queue.data ?? []).map((a) => (
                <Table.Tr key={a.id} data-testid="approval-row">
                  <Table.Td>
                    <ApprovalKind kind={a.kind} />
                  </Table.Td>
                  <Table.Td>{a.number ?? '—'}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => p.onOpenIntervention(a.interventionId)}>
                      {a.client}
                    </Button>
                  </Table.Td>
                  <Table.Td>{requestedLine(a, fmt)}</Table.Td>
                  <Table.Td>{a.reason ?? ''}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" color="green" loading={busy === a.id} onClick={() => decide(a.id, true)} data-testid="approval-approve">
                        {t('interventions.approvals.approve')}
                      </Button>
                      <Button size="compact-xs" variant="light" color="red" loading={busy === a.id} onClick={() => decide(a.id, false)} data-testid="approval-reject">
                        {t('interventions.approvals.reject')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Drawer>
  );
}
