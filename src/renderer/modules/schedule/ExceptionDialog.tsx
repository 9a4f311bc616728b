import { useState } from 'react';
import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExceptionRow } from '../../../shared/api/schedule';
import { EXCEPTION_KINDS, type ExceptionKind } from '../../../shared/rules/workingHours';
import { call } from '../../app/api';
import { apiError, errorText } from '../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';
import { formatIntervals, parseIntervals } from './intervalsText';

interface Props {
  opened: boolean;
  /** null: a new one. */
  exception: ExceptionRow | null;
  branchId: string;
  userId: string;
  userName: string;
  today: string;
  onClose(): void;
}

const FIELDS = ['kind', 'dayFrom', 'dayTo', 'intervals', 'note'] as const;
type Field = (typeof FIELDS)[number];

/** A day off, vacation, sick leave or extra hours of one person: kind, dates, optional hours, note. */
function ExceptionBody(p: Props) {
  const { t } = useTranslation();
  const e = p.exception;
  const [kind, setKind] = useState<ExceptionKind>(e?.kind ?? 'vacation');
  const [dayFrom, setDayFrom] = useState(e?.dayFrom ?? p.today);
  const [dayTo, setDayTo] = useState(e?.dayTo ?? p.today);
  const [hours, setHours] = useState(formatIntervals(e?.intervals ?? []));
  const [note, setNote] = useState(e?.note ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = parseIntervals(hours);
    if (!parsed.ok) return setErrors({ intervals: t(parsed.key) });
    setErrors({});
    setFailure(null);
    setBusy(true);
    const fields = { branchId: p.branchId, userId: p.userId, kind, dayFrom, dayTo, intervals: parsed.intervals.length ? parsed.intervals : null, note: note.trim() || null };
    try {
      if (e) await call('schedule.updateException', { id: e.id, version: e.version, ...fields });
      else await call('schedule.createException', fields);
      p.onClose();
    } catch (err) {
      const field = apiError(err)?.field?.split('.')[0] as Field | undefined;
      if (field && FIELDS.includes(field)) setErrors({ [field]: errorText(t, err) });
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
      data-testid="exception-dialog"
    >
      <Stack gap="xs">
        <DialogFailure message={failure} testId="exception-refusal" />
        <TextInput label={t('schedule.person')} value={p.userName} readOnly variant="filled" />
        <Select
          label={t('schedule.kind')}
          data={EXCEPTION_KINDS.map((k) => ({ value: k, label: t(`schedule.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as ExceptionKind)}
          allowDeselect={false}
          error={errors.kind}
          data-autofocus
          data-testid="exception-kind"
        />
        <SimpleGrid cols={2} spacing="xs">
          <TextInput type="date" label={t('schedule.dayFrom')} value={dayFrom} onChange={(ev) => setDayFrom(ev.currentTarget.value)} error={errors.dayFrom} data-testid="exception-from" />
          <TextInput type="date" label={t('schedule.dayTo')} value={dayTo} onChange={(ev) => setDayTo(ev.currentTarget.value)} error={errors.dayTo} data-testid="exception-to" />
        </SimpleGrid>
        <TextInput
          label={t('schedule.exceptionHours')}
          description={t('schedule.exceptionHoursHint')}
          value={hours}
          onChange={(ev) => setHours(ev.currentTarget.value)}
          error={errors.intervals}
          data-testid="exception-hours"
        />
        <TextInput label={t('schedule.note')} value={note} maxLength={500} onChange={(ev) => setNote(ev.currentTarget.value)} error={errors.note} data-testid="exception-note" />
        <DialogButtons onCancel={p.onClose} label={t('common.save')} onConfirm={() => void submit()} busy={busy} testId="exception-save" />
        <button type="submit" hidden />
      </Stack>
    </form>
  );
}

export const ExceptionDialog = freshDialog((t, p: Props) => t(p.exception ? 'schedule.editException' : 'schedule.newException'), 'md', ExceptionBody);
