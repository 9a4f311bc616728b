import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { refusal } from './refusal';

/** A yes/no question: focus on the confirm button (Enter accepts, Esc cancels); a refusal stays inside, translated. */
export function ConfirmDialog(p: {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  testId: string;
  onConfirm(): Promise<unknown> | void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (p.opened) setFailure(null);
  }, [p.opened]);
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await p.onConfirm();
      p.onClose();
    } catch (e) {
      setFailure(refusal(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={p.title} size="sm" zIndex={350}>
      <Stack gap="sm" data-testid={p.testId}>
        <Text size="sm">{p.message}</Text>
        {failure && (
          <Alert color="red" role="alert" p="xs">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={p.color ?? 'red'} loading={busy} onClick={confirm} data-autofocus data-testid={`${p.testId}-ok`}>
            {p.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Cancelling a document asks why (the reason is kept on it and in the audit log). Ctrl+Enter confirms. */
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
      setFailure(refusal(t, e));
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
