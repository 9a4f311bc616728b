import { useState } from 'react';
import { Alert, Button, Checkbox, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TimeEntry } from '../../../shared/api/taskTime';
import { instantAt, wallClock } from '../../../shared/rules/zonedTime';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { UserSelect } from '../interventions/selects';

interface Props {
  taskId: string;
  branchId: string;
  /** The branch's zone: the times are typed and read on its clock. */
  zone: string;
  /** Dispatchers and managers record time for anyone of the branch. */
  forOthers: boolean;
  /** The entry edited; null: a new one. */
  entry: TimeEntry | null;
  /** Where a new entry starts by default: the end of the last one, or an hour ago. */
  defaultStart: string;
  defaultEnd: string;
  onDone(): void;
}

/** A manual entry or a correction of one: start and end on the branch's clock, note, billable; refusals said in place. */
export function TimeEntryForm({ taskId, branchId, zone, forOthers, entry, defaultStart, defaultEnd, onDone }: Props) {
  const { t } = useTranslation();
  const [start, setStart] = useState(wallClock(entry?.startedAt ?? defaultStart, zone));
  const [end, setEnd] = useState(wallClock(entry?.endedAt ?? defaultEnd, zone));
  const [note, setNote] = useState(entry?.note ?? '');
  const [billable, setBillable] = useState(entry?.billable ?? true);
  const [employeeId, setEmployeeId] = useState<string | null>(entry?.employeeId ?? null);
  const add = useApiMutation('tasks.time.add', { onSuccess: onDone });
  const edit = useApiMutation('tasks.time.edit', { onSuccess: onDone });
  const failure = add.error ?? edit.error;
  const save = () => {
    const startedAt = instantAt(start, zone);
    const endedAt = instantAt(end, zone);
    if (!startedAt || !endedAt) return;
    const fields = { startedAt, endedAt, note: note.trim() || null, billable };
    if (entry) edit.mutate({ id: entry.id, version: entry.version, ...fields });
    else add.mutate({ taskId, employeeId, ...fields });
  };
  return (
    <div data-testid="time-entry-form">
      {failure && (
        <Alert color="red" py={4} mb={4} data-testid="time-entry-error">
          {errorText(t, failure)}
        </Alert>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        {forOthers && !entry && <UserSelect label={t('taskTime.employee')} branchId={branchId} value={employeeId} onChange={setEmployeeId} clearable w={170} data-testid="time-entry-employee" />}
        <TextInput type="datetime-local" label={t('taskTime.startedAt')} value={start} onChange={(e) => setStart(e.currentTarget.value)} data-testid="time-entry-start" />
        <TextInput type="datetime-local" label={t('taskTime.endedAt')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} data-testid="time-entry-end" />
        <TextInput style={{ flex: 1 }} label={t('taskTime.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} onKeyDown={(e) => e.key === 'Enter' && save()} data-testid="time-entry-note" />
        <Checkbox label={t('taskTime.billable')} checked={billable} onChange={(e) => setBillable(e.currentTarget.checked)} mb={8} data-testid="time-entry-billable" />
      </Group>
      <Group gap="xs" justify="flex-end" mt={4}>
        <Button size="xs" variant="default" onClick={onDone}>
          {t('taskTime.cancel')}
        </Button>
        <Button size="xs" onClick={save} loading={add.isPending || edit.isPending} data-testid="time-entry-save">
          {t('taskTime.save')}
        </Button>
      </Group>
    </div>
  );
}
