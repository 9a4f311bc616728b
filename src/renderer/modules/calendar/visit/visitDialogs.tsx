import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../app/apiQuery';
import { errorText } from '../../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../../components/DialogButtons';
import { ReasonDialog } from '../../interventions/dialogs';

/** Cancelling keeps the visit and says why (everyone who books may): Enter confirms, Shift+Enter starts a new line. */
export function CancelVisitDialog(p: { opened: boolean; initialReason?: string; onClose(): void; onConfirm(reason: string): Promise<unknown> }) {
  const { t } = useTranslation();
  return <ReasonDialog {...p} title={t('visit.cancelTitle')} confirmLabel={t('visit.cancelVisit')} testId="visit-cancel" />;
}

/** On the card of a visit whose client said on a reminder call they will not come: how its slot is offered. */
export function DeclinedNotice(p: { onOffer(): void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" p="xs" data-testid="visit-declined">
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Text size="sm">{t('slotFreed.visitNotice')}</Text>
        <Button size="compact-sm" color="red" variant="light" onClick={p.onOffer} style={{ flexShrink: 0 }} data-testid="visit-offer-slot">
          {t('slotFreed.offer')}
        </Button>
      </Group>
    </Alert>
  );
}

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
