import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AsapOffer, VisitDetail } from '../../../../shared/api/visits';
import { call } from '../../../app/api';
import { useApiQuery } from '../../../app/apiQuery';
import { apiError, errorText } from '../../../app/errors';
import { deviceZone, useFormat } from '../../../app/format';
import { DialogFailure } from '../../../components/DialogButtons';
import { ListTable, useListSelection, type Column } from '../../../components/screen';

export interface AsapOffersProps {
  slot: { userId: string; start: string; end: string; serviceId: string | null };
  onClose(): void;
  /** The branch's zone, when the caller knows it: times are shown on its clock (the computer's otherwise). */
  timeZone?: string;
}

/**
 * A freed slot offered to the clients who asked to come earlier (ASAP), best fit first as main orders them. Enter or
 * the row's button moves that client's visit into the slot; the result stays on screen, and the list shrinks by it.
 */
export function AsapOffers(p: AsapOffersProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tz = p.timeZone ?? deviceZone();
  const offers = useApiQuery('visits.asapOffers', { userId: p.slot.userId, start: p.slot.start, end: p.slot.end, serviceId: p.slot.serviceId }, { staleTime: 0 });
  const sel = useListSelection(offers.data, (o) => o.visitId, offers.isPending);
  const [moved, setMoved] = useState<{ offer: AsapOffer; visit: VisitDetail } | null>(null);
  // The offer carries no version: the visit is read as it stands, so a change made meanwhile is not overwritten.
  const accept = useMutation({
    mutationFn: async ({ offer, confirmed }: { offer: AsapOffer; confirmed: boolean }) => {
      const v = await call('visits.get', { id: offer.visitId });
      const input = { id: offer.visitId, version: v.version, userId: p.slot.userId, start: p.slot.start, ...(confirmed ? { outsideHoursConfirmed: true } : {}) };
      return { offer, visit: await call('visits.acceptAsap', input) };
    },
    onSuccess: setMoved,
  });
  const take = (o: AsapOffer, confirmed = false) => {
    if (!accept.isPending && !moved) accept.mutate({ offer: o, confirmed });
  };
  // The freed slot may lie outside the hours (a visit booked there with consent): main asks, the clerk may go ahead.
  const askedOutside = !!accept.variables && !accept.variables.confirmed && !!apiError(accept.error)?.key.startsWith('errors.visit_outside_hours');
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (moved) close.current?.focus();
  }, [moved]);

  // The best fit is chosen when the list arrives, so Enter takes it at once.
  const list = useRef<HTMLDivElement>(null);
  const first = offers.data?.[0]?.visitId ?? null;
  const { select } = sel;
  useEffect(() => {
    if (first) {
      select(first);
      list.current?.querySelector<HTMLElement>('[data-testid="asap-list"]')?.focus();
    }
  }, [first, select]);

  const columns: Column<AsapOffer>[] = [
    { key: 'client', header: t('visit.client'), render: (o) => <b>{o.clientName}</b> },
    { key: 'phone', header: t('fields.phone'), render: (o) => o.clientPhone ?? '' },
    { key: 'service', header: t('visit.service'), render: (o) => o.serviceName ?? '' },
    { key: 'employee', header: t('visit.employee'), render: (o) => o.userName },
    { key: 'now', header: t('visit.asapCurrent'), render: (o) => fmt.zoned(o.currentStart, tz, false) },
    { key: 'earlier', header: t('visit.asapEarlier'), align: 'right', render: (o) => fmt.number(Math.round(o.daysEarlier)) },
    {
      key: 'take',
      header: t('visit.asapMove'),
      headerHidden: true,
      render: (o) => (
        <Button size="compact-xs" onClick={() => take(o)} loading={accept.isPending && accept.variables?.offer.visitId === o.visitId} disabled={!!moved} data-testid="asap-accept">
          {t('visit.asapMove')}
        </Button>
      ),
    },
  ];

  return (
    <Modal opened onClose={p.onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={<Title order={5}>{t('visit.asapTitle')}</Title>} size={900} zIndex={250}>
      <Stack gap="sm" ref={list} data-testid="asap-offers">
        <Text size="sm" data-testid="asap-slot">
          {t('visit.asapSlot', { start: fmt.zoned(p.slot.start, tz), minutes: Math.round((Date.parse(p.slot.end) - Date.parse(p.slot.start)) / 60_000) })}
        </Text>
        {moved && (
          <Alert color="teal" p="xs" data-testid="asap-moved">
            {t('visit.asapMoved', { client: moved.offer.clientName, start: fmt.zoned(moved.visit.start, moved.visit.timeZone) })}
          </Alert>
        )}
        {offers.data && offers.data.length === 0 && !moved ? (
          <Text size="sm" c="dimmed" data-testid="asap-none">
            {t('visit.asapNone')}
          </Text>
        ) : (
          !moved && <ListTable {...sel.table} columns={columns} onOpen={take} testId="asap-list" label={t('visit.asapTitle')} />
        )}
        <DialogFailure message={offers.error ? errorText(t, offers.error) : accept.error ? errorText(t, accept.error) : null} testId="asap-error" />
        <Group justify="flex-end">
          {askedOutside && (
            <Button color="orange" onClick={() => take(accept.variables!.offer, true)} data-testid="asap-outside-ok">
              {t('visit.bookAnyway')}
            </Button>
          )}
          <Button ref={close} variant="default" onClick={p.onClose} data-testid="asap-close">
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
