import { useState } from 'react';
import { Alert, Button, Center, Grid, Group, Kbd, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { VisitDetail } from '../../../../shared/api/visits';
import { useApiQuery } from '../../../app/apiQuery';
import { errorText } from '../../../app/errors';
import { usePrintPreviewOpen } from '../../../app/FilePreview';
import { useFormat } from '../../../app/format';
import { useCan, useSession } from '../../../app/session';
import { DiscardDialog } from '../../../components/DiscardDialog';
import { RecordFailure } from '../../../components/FormDialog';
import { useRecordDrawer } from '../../../components/recordForm';
import { ConfirmDialog } from '../../../components/screen';
import { useSaveShortcut } from '../../../components/useSaveShortcut';
import { ClientForm } from '../../clients/ClientForm';
import { KeyLabel, keyProps, useAccessKeys } from './accessKeys';
import { AsapOffers } from './AsapOffers';
import { CancelVisitDialog, DeclinedNotice, DeleteVisitDialog } from './visitDialogs';
import { VisitCard } from './VisitCard';
import { VisitFields } from './VisitFields';
import { VisitLines } from './VisitLines';
import { VisitReminders } from './VisitReminders';
import { useVisitActions } from './useVisitActions';
import { draftValues, valuesFromDetail, visitResolver, VISIT_FIELDS, type Draft, type VisitFormValues, type VisitInput } from './visitValues';

export interface VisitDialogProps {
  target: { visitId: string } | { draft: Draft };
  /** Opened to offer the visit's slot (a client said they will not come): cancelling it is asked at once. */
  offerSlot?: boolean;
  onClose(): void;
}

type Slot = { userId: string; start: string; end: string; serviceId: string | null };

/**
 * The visit window (seed 003): a new visit from the calendar's slot, or a stored one with its card (arrival, payments).
 * Enter or Ctrl+S saves and closes, Esc closes (asking first when something was typed), Alt+letter presses the main buttons.
 * A cancelled visit's slot is offered to ASAP clients at once.
 */
export function VisitDialog(p: VisitDialogProps) {
  const id = 'visitId' in p.target ? p.target.visitId : null;
  const draft = 'draft' in p.target ? p.target.draft : null;
  const detail = useApiQuery('visits.get', { id: id ?? '' }, { enabled: !!id, staleTime: 0 });
  const branches = useApiQuery('branches.list', {}, { staleTime: 60_000, enabled: !!draft });
  const zone = draft ? branches.data?.find((b) => b.id === draft.branchId)?.timeZone : detail.data?.timeZone;
  const [freed, setFreed] = useState<Slot | null>(null);
  const { t } = useTranslation();

  if (freed) return <AsapOffers slot={freed} timeZone={zone} onClose={p.onClose} />;
  const failed = detail.error ?? branches.error;
  if (!zone || (id && !detail.data)) {
    return (
      <Modal opened onClose={p.onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={<Title order={5}>{t(id ? 'visit.title' : 'visit.newTitle')}</Title>} size="lg">
        <Center h={160}>{failed ? <Alert color="red">{errorText(t, failed)}</Alert> : <Loader size="sm" />}</Center>
      </Modal>
    );
  }
  return <VisitBody id={id} draft={draft} zone={zone} detail={detail} offerSlot={!!p.offerSlot} onClose={p.onClose} onFreed={setFreed} />;
}

function VisitBody(p: { id: string | null; draft: Draft | null; zone: string; detail: ReturnType<typeof useApiQuery<'visits.get'>>; offerSlot: boolean; onClose(): void; onFreed(s: Slot): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const { user } = useSession();
  const previewOpen = usePrintPreviewOpen();
  const d: VisitDetail | undefined = p.detail.data;
  const branchId = d?.branchId ?? p.draft!.branchId;
  const canWrite = can('calendar', 'write');
  const readOnly = !canWrite || d?.status === 'cancelled' || d?.kind === 'break';

  const form = useForm<VisitFormValues, unknown, VisitInput>({
    resolver: visitResolver(),
    defaultValues: p.draft ? draftValues(p.draft, p.zone) : valuesFromDetail(d!),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { isDirty } = form.formState;
  // The client said on a reminder call they will not come: the slot is offered by cancelling the visit (the clerk decides).
  const declined = !!d && d.kind === 'visit' && d.status === 'booked' && d.reminder === 'will_not_come' && canWrite;
  const [ask, setAsk] = useState<null | 'cancel' | 'delete' | 'client'>(p.offerSlot && declined ? 'cancel' : null);
  const actions = useVisitActions({
    id: p.id,
    form,
    readOnly,
    drawer: { version: () => drawer.version(), load: (r) => drawer.load(r), refuse: (e) => drawer.refuse(e), clearFailure: () => drawer.clearFailure() },
    onDone: p.onClose,
    onFreed: p.onFreed,
  });
  const asking = ask !== null || actions.outside.opened;
  const drawer = useRecordDrawer({ form, fields: VISIT_FIELDS, record: p.detail, isNew: !p.id, toValues: valuesFromDetail, readOnly, onClose: p.onClose, asking });

  const services = useApiQuery('services.list', { branchId, includeInactive: true }, { staleTime: 60_000 });
  const clientId = d?.clientId ?? p.draft?.clientId ?? null;
  const clientRow = useApiQuery('clients.get', { id: clientId ?? '' }, { enabled: !d && !!clientId });
  const client = d?.kind === 'break' ? ('break' as const) : d ? { name: d.clientName ?? '', phone: d.clientPhone } : clientRow.data ? { name: clientRow.data.name, phone: clientRow.data.phones[0]?.number ?? null } : null;
  const currency = d?.currency ?? services.data?.[0]?.currency ?? 'EUR';

  const open = !!d && d.status !== 'cancelled' && canWrite;
  const canDelete = !!d && can('calendar', 'delete');
  const keysOn = !asking && !drawer.asking && !previewOpen;
  const save = () => {
    // A typed date or amount is taken when its box loses the focus: Ctrl+S from inside it saves what it shows.
    const typing = document.activeElement instanceof HTMLInputElement ? document.activeElement : null;
    typing?.blur();
    actions.save(drawer.asking || asking);
    if (typing) setTimeout(() => typing.focus());
  };
  useSaveShortcut(true, save);
  useAccessKeys(keysOn, {
    s: !readOnly && save,
    a: open && (() => void actions.setAttendance(d.status === 'arrived' ? 'booked' : 'arrived')),
    n: open && (() => void actions.setAttendance(d.status === 'no_show' ? 'booked' : 'no_show')),
    c: open && (() => setAsk('cancel')),
    d: canDelete && (() => setAsk('delete')),
    r: d?.kind === 'visit' && (() => void actions.receipt()),
  });

  const title = d ? t('visit.titleAt', { time: fmt.zoned(d.start, d.timeZone), client: d.clientName ?? t('visit.break') }) : t('visit.newTitle');
  return (
    <>
      <Modal
        opened
        onClose={drawer.requestClose}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        closeOnEscape={!asking && !drawer.asking && !previewOpen}
        title={<Title order={5} data-testid="visit-title">{title}</Title>}
        size={d?.kind === 'visit' ? 1000 : 720}
        zIndex={200}
      >
        <Stack gap={8} data-testid="visit-dialog">
          <RecordFailure failure={drawer.failure} onReload={() => void drawer.reload()} testId="visit-error" />
          <Grid gap="md">
            <Grid.Col span={d?.kind === 'visit' ? 7 : 12}>
              <form
                id="visit-form"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  save();
                }}
              >
                <Stack gap={8}>
                  <VisitFields form={form} readOnly={readOnly} branchId={branchId} services={services.data ?? []} client={client} onOpenClient={() => setAsk('client')} employeeFixed={user.role === 'employee'} isNew={!p.id} />
                  <VisitLines form={form} readOnly={readOnly} services={services.data ?? []} currency={currency} />
                </Stack>
                {/* Enter in a text box submits the form. */}
                <button type="submit" hidden tabIndex={-1} aria-hidden />
              </form>
            </Grid.Col>
            {d && d.kind === 'visit' && (
              <Grid.Col span={5}>
                <VisitCard detail={d} form={form} canAct={open} busy={actions.busy} onAttendance={(s) => void actions.setAttendance(s)} onPay={(m, a) => void actions.addPayment(m, a)}
                  receipt={
                    <Button variant="default" onClick={() => void actions.receipt()} loading={actions.printing} {...keyProps('r')} data-testid="visit-receipt">
                      <KeyLabel text={t('visit.receipt')} letter="r" />
                    </Button>
                  }
                />
                {declined && <DeclinedNotice onOffer={() => setAsk('cancel')} />}
                {d.clientId && <VisitReminders visitId={d.id} timeZone={d.timeZone} canEdit={open && can('reminders', 'write')} />}
              </Grid.Col>
            )}
          </Grid>
          <Group justify="space-between" wrap="nowrap" pt={6} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Group gap={6} wrap="nowrap">
              {open && (
                <Button variant="subtle" color="orange" onClick={() => setAsk('cancel')} {...keyProps('c')} data-testid="visit-cancel-open">
                  <KeyLabel text={t('visit.cancelVisit')} letter="c" />
                </Button>
              )}
              {canDelete && (
                <Button variant="subtle" color="red" onClick={() => setAsk('delete')} {...keyProps('d')} data-testid="visit-delete-open">
                  <KeyLabel text={t('common.delete')} letter="d" />
                </Button>
              )}
              {!readOnly && (
                <Text size="xs" c="dimmed" ml="xs">
                  <Kbd size="xs">Ctrl+S</Kbd> {t('common.save')} · <Kbd size="xs">Esc</Kbd> {t('common.close')}
                </Text>
              )}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={drawer.requestClose} data-testid="visit-close">
                {readOnly ? t('common.close') : t('common.cancel')}
              </Button>
              {!readOnly && (
                <Button type="submit" form="visit-form" loading={actions.saving} {...keyProps('s')} data-testid="visit-save">
                  <KeyLabel text={p.id ? t('common.save') : t('visit.book')} letter="s" />
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      </Modal>

      <DiscardDialog discard={drawer.discard} message={t('visit.discardMessage')} testId="visit-discard" />
      <ConfirmDialog
        {...actions.outside}
        title={t('visit.outsideTitle')}
        confirmLabel={t('visit.bookAnyway')}
        color="orange"
        testId="visit-outside"
      />
      <CancelVisitDialog opened={ask === 'cancel'} initialReason={declined ? t('slotFreed.cancelReason') : undefined} onClose={() => setAsk(null)} onConfirm={actions.cancel} />
      {d && <DeleteVisitDialog opened={ask === 'delete'} id={d.id} onClose={() => setAsk(null)} onConfirm={actions.remove} />}
      {clientId && <ClientForm opened={ask === 'client'} clientId={clientId} readOnly={!can('clients', 'write')} onClose={() => setAsk(null)} onSaved={() => setAsk(null)} />}
    </>
  );
}
