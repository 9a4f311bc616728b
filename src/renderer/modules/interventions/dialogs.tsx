import { useState, type ReactNode } from 'react';
import { Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';

export { ConfirmDialog } from '../../components/screen';

export interface ReasonDialogProps {
  opened: boolean;
  title: string;
  message?: ReactNode;
  testId: string;
  /** What the reason box holds when it opens (the clerk may change it). */
  initialReason?: string;
  /** The confirm button's label; default "Cancel document". */
  confirmLabel?: string;
  /** Rejects with main's refusal, which the dialog shows (and stays open). */
  onConfirm(reason: string): Promise<unknown>;
  onClose(): void;
}

/** Cancelling documents: the reason is required; Enter (or Ctrl+Enter) confirms, Shift+Enter starts a new line. */
export const ReasonDialog = freshDialog<ReasonDialogProps>((_t, p) => p.title, 'md', ReasonBody);

function ReasonBody(p: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(p.initialReason ?? '');
  const [missing, setMissing] = useState(false);
  const confirm = useMutation({ mutationFn: (r: string) => p.onConfirm(r), onSuccess: () => p.onClose() });
  const run = () => {
    setMissing(!reason.trim());
    if (reason.trim()) confirm.mutate(reason.trim());
  };
  const failure = missing ? t('errors.required') : confirm.error ? errorText(t, confirm.error) : null;
  return (
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
            run();
          }
        }}
        data-testid={`${p.testId}-reason`}
      />
      <DialogFailure message={failure} testId={`${p.testId}-error`} />
      <DialogButtons onCancel={p.onClose} cancel="close" label={p.confirmLabel ?? t('interventions.actions.cancelDoc')} color="red" busy={confirm.isPending} onConfirm={run} testId={`${p.testId}-ok`} />
    </Stack>
  );
}
