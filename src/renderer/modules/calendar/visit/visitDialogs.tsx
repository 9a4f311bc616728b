import { useState } from 'react';
import { Alert, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../app/apiQuery';
import { errorText } from '../../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../../components/DialogButtons';

interface AskProps {
  opened: boolean;
  onClose(): void;
  /** Rejects with main's refusal, which the dialog shows (and stays open). */
  onConfirm(reason: string): Promise<unknown>;
}

/** Cancelling keeps the visit and says why (everyone who books may): Enter confirms, Shift+Enter starts a new line. */
export const CancelVisitDialog = freshDialog<AskProps>((t) => t('visit.cancelTitle'), 'sm', function CancelBody(p) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const run = useMutation({ mutationFn: (r: string) => p.onConfirm(r), onSuccess: () => p.onClose() });
  const confirm = () => {
    const r = reason.trim();
    setMissing(!r);
    if (r) run.mutate(r);
  };
  return (
    <Stack gap="sm" data-testid="visit-cancel">
      <Textarea
        label={t('visit.cancelReason')}
        data-autofocus
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            confirm();
          }
        }}
        error={missing ? t('errors.required') : undefined}
        data-testid="visit-cancel-reason-input"
      />
      <DialogFailure message={run.error ? errorText(t, run.error) : null} testId="visit-cancel-error" />
      <DialogButtons onCancel={p.onClose} cancel="close" label={t('visit.cancelVisit')} color="orange" busy={run.isPending} onConfirm={confirm} testId="visit-cancel-ok" />
    </Stack>
  );
});

/** Deleting is not recommended: the question names what goes with the visit (main counts it). */
export const DeleteVisitDialog = freshDialog<{ opened: boolean; id: string; onClose(): void; onConfirm(): Promise<unknown> }>(
  (t) => t('visit.deleteTitle'),
  'sm',
  function DeleteBody(p) {
    const { t } = useTranslation();
    const impact = useApiQuery('visits.deletionImpact', { id: p.id }, { staleTime: 0 });
    const run = useMutation({ mutationFn: () => p.onConfirm(), onSuccess: () => p.onClose() });
    const i = impact.data;
    return (
      <Stack gap="sm" data-testid="visit-delete">
        <Alert color="orange" p="xs">
          {t('visit.deleteAdvice')}
        </Alert>
        {i ? (
          <Text size="sm" data-testid="visit-delete-impact">
            {t('visit.deleteImpact', { payments: i.payments, lines: i.lines, reminders: i.reminders })}
          </Text>
        ) : impact.isError ? null : (
          <Loader size="xs" />
        )}
        <DialogFailure message={impact.error ? errorText(t, impact.error) : run.error ? errorText(t, run.error) : null} testId="visit-delete-error" />
        <DialogButtons onCancel={p.onClose} label={t('common.delete')} color="red" busy={run.isPending} disabled={!i} onConfirm={() => run.mutate()} testId="visit-delete-ok" />
      </Stack>
    );
  },
);
