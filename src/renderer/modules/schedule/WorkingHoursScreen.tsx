import { useState } from 'react';
import { Alert, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ScheduleRow } from '../../../shared/api/schedule';
import { todayIn } from '../../../shared/rules/zonedTime';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useZoneNote } from '../../app/format';
import { useCan } from '../../app/session';
import { ErrorBanner, KeyButton, ScreenHeader, useScreenKeys } from '../../components/screen';
import { DayDialog } from './DayDialog';
import { ExceptionsPanel } from './ExceptionsPanel';
import { useBranchPick } from './useBranchPick';
import { useKept } from './useKept';
import { WeekTable } from './WeekTable';
import type { Weekday } from './weekdays';

/**
 * Working hours of a branch: its people × weekdays (the gaps between a day's intervals are its breaks), and the
 * chosen person's exceptions below. Everyone with the calendar may look; setting hours needs the approve right,
 * and the screen says so instead of offering what main would refuse.
 */
export function WorkingHoursScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const canEdit = can('calendar', 'approve');
  const { branch, picker } = useBranchPick('hours-branch');
  const weeks = useApiQuery('schedule.weeks', { branchId: branch?.id ?? '' }, { enabled: !!branch });
  const [chosen, setChosen] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ row: ScheduleRow; day: Weekday } | null>(null);
  const shownDay = useKept(editing);
  const zoneNote = useZoneNote(branch?.timeZone);
  const rows = weeks.data ?? [];
  const person = rows.find((r) => r.userId === chosen) ?? null;
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('schedule.') });
  useScreenKeys({ enabled: !editing, onRefresh: refresh });

  return (
    <div className="planora-page" data-testid="working-hours-screen" style={{ overflowY: 'auto' }}>
      <ScreenHeader title={t('schedule.hoursTitle')}>
        {picker}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      {zoneNote && (
        <Text size="xs" c="dimmed">
          {zoneNote}
        </Text>
      )}
      {!canEdit && (
        <Alert p="xs" color="gray" data-testid="hours-read-only">
          {t('schedule.hoursReadOnly')}
        </Alert>
      )}
      <ErrorBanner message={weeks.error ? errorText(t, weeks.error) : null} onClose={refresh} />
      <WeekTable rows={rows} loading={weeks.isLoading} selected={chosen} onSelect={setChosen} onEdit={canEdit ? (row, day) => setEditing({ row, day }) : undefined} />
      <Text size="xs" c="dimmed">
        {t('schedule.keysHint')}
      </Text>
      {branch && person ? (
        <ExceptionsPanel branchId={branch.id} person={{ id: person.userId, name: person.userName }} today={todayIn(branch.timeZone, Date.now())} canEdit={canEdit} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('schedule.pickPerson')}
        </Text>
      )}
      {branch && <DayDialog opened={editing !== null} row={shownDay?.row ?? null} day={shownDay?.day ?? '1'} branchId={branch.id} onClose={() => setEditing(null)} />}
    </div>
  );
}
