import { errorText } from '../../app/errors';
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export { ConfirmDialog } from '../../components/screen';

export function ReasonDialog(p: { opened: boolean; title: string; message?: ReactNode; testId: string; onConfirm(reason: string): Promise<unknown>; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (p.opened) {
      setReason('');
      setFailure(null);
    }
  }, [p.opened]);
  const confirm = async () => {
    if (!reason.trim()) {
      setFailure(t('errors.required'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await p.onConfirm(reason.trim());
      p.onClose();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={p.title} size="md" zIndex={350}>
      <Stack gap="sm" data-testid={p.testId}>
        {p.message && <Text size="sm">{p.message}</Text>}
        <Textarea
          label={t('interventions.cancelReason')}
          data-autofocus
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || !e.shiftKey)) {
              e.preventDefault();
              void confirm();
            }
          }}
          data-testid={`${p.testId}-reason`}
        />
        {failure && (
          <Alert color="red" role="alert" p="xs" data-testid={`${p.testId}-error`}>
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.close')}
          </Button>
          <Button color="red" loading={busy} onClick={confirm} data-testid={`${p.testId}-ok`}>
            {t('interventions.actions.cancelDoc')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
