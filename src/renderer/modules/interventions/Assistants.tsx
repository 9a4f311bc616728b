import { useState } from 'react';
import { Alert, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GridRow } from '../../../shared/api/interventions';
import { instantAt, wallClock } from '../../../shared/rules/zonedTime';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { deviceZone, useZoneNote } from '../../app/format';
import { useSession } from '../../app/session';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';
import { DateTimeField } from './DateFields';
import { fromLocalInput, toLocalInput } from './model';
import { UserSelect, useUserOptions } from './selects';

interface AllocateProps {
  opened: boolean;
  rows: GridRow[];
  onClose(): void;
  onDone(n: number): void;
}

/** Assistant: the selected interventions to one person (and who verifies) for one time slot. */
export const AllocateDialog = freshDialog<AllocateProps>((t) => t('interventions.assist.allocateTitle'), 'md', AllocateBody);

/** Next full hour on the branch clock, for one hour: the usual slot; the clerk changes it. */
function nextSlot(tz: string): [string, string] {
  const hour = Date.parse(instantAt(`${wallClock(Date.now(), tz).slice(0, 13)}:00`, tz) ?? new Date().toISOString()) + 3_600_000;
  return [toLocalInput(new Date(hour).toISOString(), tz), toLocalInput(new Date(hour + 3_600_000).toISOString(), tz)];
}

function AllocateBody(p: AllocateProps) {
  const { t } = useTranslation();
  // The slot is on the clock of the rows' branch (the first row's, when a selection spans branches).
  const tz = p.rows[0]?.timeZone ?? deviceZone();
  const zoneNote = useZoneNote(tz);
  const [takenById, setTakenBy] = useState<string | null>(null);
  const [responsibleId, setResponsible] = useState<string | null>(null);
  const [slot] = useState(() => nextSlot(tz));
  const [start, setStart] = useState(slot[0]);
  const [end, setEnd] = useState(slot[1]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const allocate = useApiMutation('interventions.allocateMany', {
    onSuccess: (r) => {
      p.onDone(r.updated);
      p.onClose();
    },
  });

  const run = () => {
    const startAt = start.startsWith('!') ? null : fromLocalInput(start, tz);
    const endAt = end.startsWith('!') ? null : fromLocalInput(end, tz);
    const wrong = !takenById || !responsibleId || !startAt || !endAt ? t('interventions.assist.allRequired') : endAt <= startAt ? t('errors.end_before_start') : null;
    setRefusal(wrong);
    if (!wrong) allocate.mutate({ ids: p.rows.map((r) => r.id), takenById: takenById!, responsibleId: responsibleId!, startAt: startAt!, endAt: endAt! });
  };

  return (
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
      <DialogFailure message={refusal ?? (allocate.error && errorText(t, allocate.error))} />
      <DialogButtons onCancel={p.onClose} label={t('interventions.assist.allocate')} busy={allocate.isPending} disabled={!p.rows.length} onConfirm={run} testId="allocate-ok" />
    </Stack>
  );
}

interface DistributeProps {
  opened: boolean;
  onClose(): void;
  onDone(n: number): void;
}

/** Assistant: the waiting interventions shared among chosen people, highest priority and oldest first, to whoever has least. */
export const DistributeDialog = freshDialog<DistributeProps>((t) => t('interventions.assist.distributeTitle'), 'md', DistributeBody);

function DistributeBody(p: DistributeProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const people = useUserOptions();
  const branches = useApiQuery('branches.list', {}, { staleTime: 60_000 });
  const [personIds, setPeople] = useState<string[]>([]);
  const [branchId, setBranch] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const distribute = useApiMutation('interventions.distribute', { onSuccess: (r) => p.onDone(r.assignments.length) });
  const run = () => {
    setMissing(!personIds.length);
    if (personIds.length) distribute.mutate({ personIds, branchId });
  };
  const myBranches = (branches.data ?? []).filter((b) => user.branchIds.includes(b.id));
  const result = distribute.isSuccess ? distribute.data.assignments.length : null;

  return (
    <Stack gap="xs" data-testid="distribute-dialog">
      <Text size="sm" c="dimmed">
        {t('interventions.assist.distributeHint')}
      </Text>
      <MultiSelect label={t('interventions.assist.people')} data={people} value={personIds} onChange={setPeople} searchable data-autofocus comboboxProps={{ zIndex: 400 }} data-testid="distribute-people" />
      {myBranches.length > 1 && (
        <MultiSelect
          label={t('fields.branchId')}
          data={myBranches.map((b) => ({ value: b.id, label: b.name }))}
          value={branchId ? [branchId] : []}
          onChange={(v) => setBranch(v.at(-1) ?? null)}
          comboboxProps={{ zIndex: 400 }}
        />
      )}
      <DialogFailure message={missing ? t('interventions.assist.pickPeople') : distribute.error && errorText(t, distribute.error)} />
      {result != null && (
        <Alert color="green" p="xs" data-testid="distribute-result">
          {t('interventions.assist.distributed', { count: result })}
        </Alert>
      )}
      <DialogButtons onCancel={p.onClose} cancel="close" label={t('interventions.assist.distribute')} busy={distribute.isPending} onConfirm={run} testId="distribute-ok" />
    </Stack>
  );
}
