import { useState } from 'react';
import { Button, Divider, Group, Kbd, Modal, NumberInput, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { apiError, errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { DialogFailure } from '../../components/DialogButtons';
import { QuickClientDialog } from '../clients/QuickClientDialog';

export interface Slot {
  start: string;
  branchId: string;
  tz: string;
  /** The employee whose column or calendar was clicked; null when several are shown in one column. */
  userId: string | null;
}

interface Person {
  id: string;
  name: string;
  phone: string | null;
}

/**
 * The seed's client picker for a free time: search a client (the fast search), add a new one (with the duplicate
 * warning), take one seen lately, or book a break. Choosing a client hands the slot on to the visit dialog.
 */
export function SlotPicker(p: { slot: Slot; employees: { value: string; label: string }[]; onClose(): void; onClient(clientId: string, userId: string): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canAddClient = useCan()('clients', 'write');
  const [userId, setUserId] = useState<string | null>(p.slot.userId ?? (p.employees.length === 1 ? p.employees[0]!.value : null));
  const [term, setTerm] = useState('');
  const [debounced] = useDebouncedValue(term.trim(), 200);
  const [quick, setQuick] = useState<string | null>(null);
  const [breakMin, setBreakMin] = useState<number>(30);
  const [failure, setFailure] = useState<string | null>(null);
  const [askOutside, setAskOutside] = useState(false);
  const found = useApiQuery('clients.list', { search: debounced, limit: 8, offset: 0 }, { enabled: !!debounced, placeholderData: keepPreviousData });
  const recent = useApiQuery('visits.recentClients', { limit: 8 });
  const bookBreak = useApiMutation('visits.bookBreak');
  const list: Person[] = term.trim() ? (found.data?.rows ?? []) : (recent.data ?? []);
  // While the typed text waits out the pause or main's answer, the list on screen is not of what was typed.
  const searching = term.trim() !== debounced || (!!debounced && (found.isFetching || found.isPlaceholderData));

  const choose = (clientId: string) => {
    if (!userId) return setFailure(t('calendar.picker.chooseEmployee'));
    p.onClient(clientId, userId);
  };
  const takeBreak = (confirmed: boolean) => {
    if (!userId) return setFailure(t('calendar.picker.chooseEmployee'));
    setFailure(null);
    bookBreak.mutate(
      { userId, branchId: p.slot.branchId, start: p.slot.start, durationMin: breakMin, ...(confirmed ? { outsideHoursConfirmed: true } : {}) },
      {
        onSuccess: p.onClose,
        onError: (e) => (apiError(e)?.key === 'errors.visit_outside_hours' ? setAskOutside(true) : setFailure(errorText(t, e))),
      },
    );
  };

  return (
    <>
      <Modal opened onClose={p.onClose} size="md" closeButtonProps={{ 'aria-label': t('common.close') }} title={t('calendar.picker.title', { time: fmt.zoned(p.slot.start, p.slot.tz) })} data-testid="slot-picker">
        <Stack gap={8} data-testid="slot-picker-body">
          {p.employees.length > 1 && (
            <Select
              label={t('calendar.employee')}
              data={p.employees}
              value={userId}
              onChange={setUserId}
              allowDeselect={false}
              searchable
              data-testid="picker-employee"
              comboboxProps={{ zIndex: 400 }}
            />
          )}
          <TextInput
            label={t('calendar.picker.search')}
            placeholder={t('calendar.picker.searchHint')}
            value={term}
            onChange={(e) => setTerm(e.currentTarget.value)}
            data-autofocus
            data-testid="picker-search"
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                // Enter meanwhile takes the first match of what was typed, never a row of an earlier list.
                if (!searching) return list[0] && choose(list[0].id);
                void call('clients.list', { search: term.trim(), limit: 1, offset: 0 }).then((r) => r.rows[0] && choose(r.rows[0].id));
              }
              if (e.key === 'Insert' && canAddClient) {
                e.preventDefault();
                setQuick(term.trim());
              }
            }}
          />
          <Text size="xs" c="dimmed" fw={600}>
            {term.trim() ? (searching ? t('calendar.picker.searching') : t('calendar.picker.found', { count: list.length })) : t('calendar.picker.recent')}
          </Text>
          <Stack gap={0} data-testid="picker-list">
            {list.map((c) => (
              <UnstyledButton key={c.id} className="pl-picker-row" onClick={() => choose(c.id)} data-testid="picker-client">
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" truncate>
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.phone}
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
            {!searching && list.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('calendar.picker.none')}
              </Text>
            )}
          </Stack>
          {canAddClient && (
            <Button variant="light" onClick={() => setQuick(term.trim())} data-testid="picker-new-client">
              {term.trim() ? t('clients.quick.createNamed', { name: term.trim() }) : t('calendar.picker.newClient')}
            </Button>
          )}
          <Divider />
          <Group gap={6} align="end" wrap="nowrap">
            <NumberInput label={t('calendar.picker.breakMinutes')} value={breakMin} onChange={(v) => setBreakMin(typeof v === 'number' ? v : 30)} min={5} max={24 * 60} step={5} w={130} data-testid="picker-break-min" />
            <Button variant="default" onClick={() => takeBreak(false)} loading={bookBreak.isPending} data-testid="picker-break">
              {t('calendar.break')}
            </Button>
          </Group>
          {askOutside && (
            <Group gap={6} justify="space-between" wrap="nowrap" data-testid="picker-outside">
              <Text size="sm">{t('calendar.outsideHours')}</Text>
              <Button size="xs" color="orange" onClick={() => (setAskOutside(false), takeBreak(true))} data-testid="picker-outside-confirm">
                {t('calendar.bookAnyway')}
              </Button>
            </Group>
          )}
          <DialogFailure message={failure} testId="picker-error" />
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Enter</Kbd> {t('calendar.picker.enterHint')} · <Kbd size="xs">Ins</Kbd> {t('calendar.picker.newClient')} · <Kbd size="xs">Esc</Kbd> {t('common.close')}
          </Text>
        </Stack>
      </Modal>
      {quick !== null && <QuickClientDialog name={quick} onClose={() => setQuick(null)} onSaved={(c) => (setQuick(null), choose(c.id))} />}
    </>
  );
}
