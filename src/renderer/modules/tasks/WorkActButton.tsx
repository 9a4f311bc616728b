import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { openProducedFile } from '../../app/files';
import { ClientSelect } from '../interventions/selects';

/** Last month, from its first day to its last: the period a work act is most often asked for. */
function lastMonth(): { from: string; to: string } {
  const d = new Date();
  const first = new Date(Date.UTC(d.getFullYear(), d.getMonth() - 1, 1));
  const last = new Date(Date.UTC(d.getFullYear(), d.getMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** The work act for a client and a period: every session on the client's tasks started in it, one paper to sign. */
export function WorkActButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [clientId, setClientId] = useState<string | null>(null);
  const [period, setPeriod] = useState(lastMonth);
  const act = useApiMutation('tasks.time.clientAct', { onSuccess: (f) => void openProducedFile(f, 'print') });
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)} data-testid="work-act-open">
        {t('taskTime.actForClient')}
      </Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t('taskTime.actDialog')} size="md">
          <Stack gap="xs" data-testid="work-act-dialog">
            {act.error && (
              <Alert color="red" py={4}>
                {errorText(t, act.error)}
              </Alert>
            )}
            <ClientSelect label={t('taskTime.client')} value={clientId} onChange={setClientId} data-autofocus required data-testid="work-act-client" />
            <Group grow>
              <TextInput type="date" label={t('taskTime.from')} value={period.from} onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })} data-testid="work-act-from" />
              <TextInput type="date" label={t('taskTime.to')} value={period.to} onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })} data-testid="work-act-to" />
            </Group>
            <Group justify="flex-end">
              <Button onClick={() => clientId && act.mutate({ clientId, ...period })} disabled={!clientId || !period.from || !period.to} loading={act.isPending} data-testid="work-act-print">
                {t('taskTime.print')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
