import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { refusalText } from './refusal';

/**
 * A yes/no question. Focus starts on the confirm button, so Enter accepts and Esc cancels;
 * a refusal from main is shown inside, translated, and the dialog stays open.
 */
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
      setFailure(refusalText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={p.opened} onClose={p.onClose} title={p.title} size="sm" zIndex={300} data-testid={p.testId}>
      <Stack gap="sm">
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
