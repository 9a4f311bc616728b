import { errorText } from '../../app/errors';
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GridRow } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { useSession } from '../../app/session';
import { fromLocalInput, toLocalInput } from './model';
import { deviceZone, useZoneNote } from '../../app/format';
import { instantAt, wallClock } from '../../../shared/rules/zonedTime';
import { UserSelect, useUserOptions } from './selects';
import { DateTimeField } from './DateFields';

/** Assistant: the selected interventions to one person (and who verifies) for one time slot. */
export function AllocateDialog(p: { opened: boolean; rows: GridRow[]; onClose(): void; onDone(n: number): void }) {
  const { t } = useTranslation();
  const [takenById, setTakenBy] = useState<string | null>(null);
  const [responsibleId, setResponsible] = useState<string | null>(null);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The slot is on the clock of the rows' branch (the first row's, when a selection spans branches).
  const tz = p.rows[0]?.timeZone ?? deviceZone();
  const zoneNote = useZoneNote(tz);
  useEffect(() => {
    if (!p.opened) return;
    setFailure(null);
    // Next full hour on the branch clock, for one hour: the usual slot; the clerk changes it.
    const hour = Date.parse(instantAt(`${wallClock(Date.now(), tz).slice(0, 13)}:00`, tz) ?? new Date().toISOString()) + 3_600_000;
    setStart(toLocalInput(new Date(hour).toISOString(), tz));
    setEnd(toLocalInput(new Date(hour + 3_600_000).toISOString(), tz));
  }, [p.opened]);

  const run = async () => {
    const startAt = start.startsWith('!') ? null : fromLocalInput(start, tz);
    const endAt = end.startsWith('!') ? null : fromLocalInput(end, tz);
    if (!takenById || !responsibleId || !startAt || !endAt) return setFailure(t('interventions.assist.allRequired'));
    if (endAt <= startAt) return setFailure(t('errors.end_before_start'));
    setBusy(true);
    setFailure(null);
    try {
      const r = await call('interventions.allocateMany', { ids: p.rows.map((r) => r.id), takenById, responsibleId, startAt, endAt });
      p.onDone(r.updated);
      p.onClose();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={p.opened} onClose={p.onClose} title={t('interventions.assist.allocateTitle')} size="md" zIndex={350}>
      <Stack gap="xs" data-testid="allocate-dialog">
        <Text size="sm">{t('interventions.assist.allocateFor', { count: p.rows.length })}</Text>
        <UserSelect label={t('interventions.col.takenBy')} value={takenById} onChange={setTakenBy} data-autofocus withAsterisk data-testid="allocate-taken-by" />
        <UserSelect label={t('interventions.form.responsible')} value={responsibleId} onChange={setResponsible} withAsterisk data-testid="allocate-responsible" />
        <Group grow>
          <DateTimeField label={t('interventions.form.startAt')} value={start} onChange={setStart} timeZone={tz} data-testid="allocate-start" />
          <DateTimeField label={t('interventions.form.endAt')} value={end} onChange={setEnd} timeZone={tz} baseDate={start && !start.startsWith('!') ? start.slice(0, 10) : undefined} data-testid="allocate-end" />
        </Group>
        {zoneNote && (
          <Text size="xs" c="dimmed" data-testid="allocate-zone-note">
            {zoneNote}
          </Text>
        )}
        {failure && (
          <Alert color="red" p="xs" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={run} loading={busy} disabled={!p.rows.length} data-testid="allocate-ok">
            {t('interventions.assist.allocate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Assistant: the waiting interventions shared among chosen people, highest priority and oldest first, to whoever has least. */
export function DistributeDialog(p: { opened: boolean; onClose(): void; onDone(n: number): void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const people = useUserOptions();
  const branches = useQuery({ queryKey: ['branches.list', {}], queryFn: () => call('branches.list', {}), staleTime: 60_000 });
  const [personIds, setPeople] = useState<string[]>([]);
  const [branchId, setBranch] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<number | null>(null);
  useEffect(() => {
    if (p.opened) {
      setFailure(null);
      setResult(null);
    }
  }, [p.opened]);

  const run = async () => {
    if (!personIds.length) return setFailure(t('interventions.assist.pickPeople'));
    setBusy(true);
    setFailure(null);
    try {
      const r = await call('interventions.distribute', { personIds, branchId });
      setResult(r.assignments.length);
      p.onDone(r.assignments.length);
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const myBranches = (branches.data ?? []).filter((b) => user.branchIds.includes(b.id));

  return (
    <Modal opened={p.opened} onClose={p.onClose} title={t('interventions.assist.distributeTitle')} size="md" zIndex={350}>
      <Stack gap="xs" data-testid="distribute-dialog">
        <Text size="sm" c="dimmed">
          {t('interventions.assist.distributeHint')}
        </Text>
        <MultiSelect
          label={t('interventions.assist.people')}
          data={people}
          value={personIds}
          onChange={setPeople}
          searchable
          data-autofocus
          comboboxProps={{ zIndex: 400 }}
          data-testid="distribute-people"
        />
        {myBranches.length > 1 && (
          <MultiSelect
            label={t('fields.branchId')}
            data={myBranches.map((b) => ({ value: b.id, label: b.name }))}
            value={branchId ? [branchId] : []}
            onChange={(v) => setBranch(v.at(-1) ?? null)}
            comboboxProps={{ zIndex: 400 }}
          />
        )}
        {failure && (
          <Alert color="red" p="xs" role="alert">
            {failure}
          </Alert>
        )}
        {result != null && (
          <Alert color="green" p="xs" data-testid="distribute-result">
            {t('interventions.assist.distributed', { count: result })}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.close')}
          </Button>
          <Button onClick={run} loading={busy} data-testid="distribute-ok">
            {t('interventions.assist.distribute')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
