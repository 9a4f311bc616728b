/**
 * The foot and the refusal line every small dialog shares: the way out (Cancel, or Close where the dialog only reports),
 * then its one action, busy while it runs. Esc does what the way out does (Mantine's Modal).
 */
import type { ComponentType, ReactNode } from 'react';
import { Alert, Button, Group, Modal, type MantineSize } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export interface DialogButtonsProps {
  onCancel(): void;
  /** "close" where the dialog has done its work or only reports; default "cancel". */
  cancel?: 'cancel' | 'close';
  label: ReactNode;
  onConfirm(): void;
  busy?: boolean;
  disabled?: boolean;
  color?: string;
  /** The action takes the focus when the dialog opens. */
  autoFocus?: boolean;
  testId?: string;
}

export function DialogButtons(p: DialogButtonsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={p.onCancel}>
        {t(p.cancel === 'close' ? 'common.close' : 'common.cancel')}
      </Button>
      <Button color={p.color} loading={p.busy} disabled={p.disabled} onClick={p.onConfirm} data-autofocus={p.autoFocus || undefined} data-testid={p.testId}>
        {p.label}
      </Button>
    </Group>
  );
}

/** What main (or the dialog's own check) refused, translated; nothing when all is well. */
export function DialogFailure({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" p="xs" data-testid={testId}>
      {message}
    </Alert>
  );
}

/**
 * A small modal dialog whose body is mounted only while it is open, so each opening starts afresh (no effect resets
 * its state): `export const XDialog = freshDialog(titleOf, 'md', XBody)`.
 */
export function freshDialog<P extends { opened: boolean; onClose(): void }>(title: (t: TFunction, p: P) => string, size: MantineSize, Body: ComponentType<P>) {
  return function FreshDialog(p: P) {
    const { t } = useTranslation();
    return (
      <Modal opened={p.opened} onClose={p.onClose} title={title(t, p)} size={size} zIndex={350}>
        <Body {...p} />
      </Modal>
    );
  };
}
