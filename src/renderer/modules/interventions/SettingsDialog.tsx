import { errorText } from '../../app/errors';
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Drawer, Group, Modal, NumberInput, Stack, Switch, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_INTERVENTION_SETTINGS, type InterventionSettings } from '../../../shared/api/interventionSettings';
import { call } from '../../app/api';
import { useFormat } from '../../app/format';

export function useInterventionSettings() {
  return useQuery({ queryKey: ['interventions.settings', {}], queryFn: () => call('interventions.settings', {}), staleTime: 60_000 });
}

/** The module's settings from the seed; only approvers (managers) may change them. */
export function SettingsDialog(p: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useInterventionSettings();
  const [v, setV] = useState<InterventionSettings>(DEFAULT_INTERVENTION_SETTINGS);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (p.opened && settings.data) {
      setV(settings.data);
      setFailure(null);
    }
  }, [p.opened, settings.data]);
  const set = <K extends keyof InterventionSettings>(k: K, val: InterventionSettings[K]) => setV((s) => ({ ...s, [k]: val }));

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const res = await call('interventions.setSettings', v);
      qc.setQueryData(['interventions.settings', {}], res);
      p.onClose();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const row = (k: 'sendMailToClient' | 'groupsOnLeft' | 'autoResizeColumns' | 'lockSession' | 'approvals') => (
    <Switch
      key={k}
      label={t(`interventions.settings.${k}`)}
      description={t(`interventions.settings.${k}Hint`)}
      checked={v[k]}
      onChange={(e) => set(k, e.currentTarget.checked)}
      data-testid={`setting-${k}`}
    />
  );

  return (
    <Modal opened={p.opened} onClose={p.onClose} title={t('interventions.settings.title')} size="lg" zIndex={350}>
      <Stack gap="sm" data-testid="settings-dialog">
        {row('sendMailToClient')}
        <NumberInput
          label={t('interventions.settings.daysShown')}
          description={t('interventions.settings.daysShownHint')}
          min={1}
          max={62}
          w={260}
          value={v.daysShown}
          onChange={(n) => set('daysShown', typeof n === 'number' ? n : 7)}
          data-testid="setting-daysShown"
        />
        {row('groupsOnLeft')}
        {row('autoResizeColumns')}
        {row('lockSession')}
        <Group gap="sm" align="flex-end">
          <Checkbox
            label={t('interventions.settings.warnings')}
            checked={v.warningHours != null}
            onChange={(e) => set('warningHours', e.currentTarget.checked ? (v.warningHours ?? 24) : null)}
            data-testid="setting-warnings"
          />
          <NumberInput
            label={t('interventions.settings.warningHours')}
            min={1}
            max={720}
            w={200}
            disabled={v.warningHours == null}
            value={v.warningHours ?? 24}
            onChange={(n) => set('warningHours', typeof n === 'number' ? n : 24)}
            data-testid="setting-warningHours"
          />
        </Group>
        {row('approvals')}
        {failure && (
          <Alert color="red" p="xs">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={busy} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The approvals queue: cancellations and finalizations waiting for a manager. */
export function ApprovalsPanel(p: { opened: boolean; onClose(): void; onOpenIntervention(id: string): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const queue = useQuery({ queryKey: ['interventions.approvals', {}], queryFn: () => call('interventions.approvals', {}), enabled: p.opened, staleTime: 0 });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const decide = async (approvalId: string, approve: boolean) => {
    setBusy(approvalId);
    setFailure(null);
    try {
      await call('interventions.decide', { approvalId, approve });
      await qc.invalidateQueries({ queryKey: ['interventions.approvals'] });
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Drawer opened={p.opened} onClose={p.onClose} position="right" size={720} title={t('interventions.approvals.title')} zIndex={250}>
      <Stack gap="xs" data-testid="approvals-panel">
        {failure && (
          <Alert color="red" p="xs">
            {failure}
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
                    <Badge size="xs" tt="none" variant="light" color={a.kind === 'cancel' ? 'red' : 'green'}>
                      {t(`interventions.approvals.kinds.${a.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{a.number ?? '—'}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => p.onOpenIntervention(a.interventionId)}>
                      {a.client}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    {a.requestedBy ?? ''} · {fmt.dateTime(a.requestedAt)}
                  </Table.Td>
                  <Table.Td>{a.reason ?? ''}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" color="green" loading={busy === a.id} onClick={() => void decide(a.id, true)} data-testid="approval-approve">
                        {t('interventions.approvals.approve')}
                      </Button>
                      <Button size="compact-xs" variant="light" color="red" loading={busy === a.id} onClick={() => void decide(a.id, false)} data-testid="approval-reject">
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
