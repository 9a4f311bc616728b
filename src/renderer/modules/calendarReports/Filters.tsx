import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { useSession } from '../../app/session';
import { seesAllBranches } from '../../../shared/permissions';

export interface ReportFilter {
  from: string;
  to: string;
  /** The day of the day list. */
  day: string;
  branchId: string | null;
  userId: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const validDay = (d: string) => ISO_DAY.test(d) && !Number.isNaN(Date.parse(d));

/** Today on this computer's calendar, and a period of the last 30 days up to it. */
export function defaultFilter(now = new Date()): ReportFilter {
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const from = new Date(now);
  from.setDate(from.getDate() - 30);
  return { from: day(from), to: day(now), day: day(now), branchId: null, userId: null };
}

/** The period (or the day, for the day list), the branch and the employee: every report reads the same filter. */
export function Filters({ value, onChange, daily }: { value: ReportFilter; onChange(f: ReportFilter): void; daily: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const branches = useApiQuery('branches.list', {}, { staleTime: 60_000 });
  const people = useApiQuery('users.directory', value.branchId ? { branchId: value.branchId } : {}, { staleTime: 60_000 });
  const mine = (branches.data ?? []).filter((b) => seesAllBranches(user.role) || user.branchIds.includes(b.id));
  const set = (patch: Partial<ReportFilter>) => onChange({ ...value, ...patch });
  const dateField = (key: 'from' | 'to' | 'day', label: string) => (
    <TextInput
      type="date"
      label={label}
      w={150}
      value={value[key]}
      error={value[key] && !validDay(value[key]) ? t('errors.invalid_format') : undefined}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
      data-testid={`calreports-${key}`}
    />
  );
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="calreports-filters">
      {daily ? dateField('day', t('calendarReports.filter.day')) : [dateField('from', t('calendarReports.filter.from')), dateField('to', t('calendarReports.filter.to'))]}
      <Select
        label={t('calendarReports.filter.branch')}
        w={200}
        data={mine.map((b) => ({ value: b.id, label: b.name }))}
        value={value.branchId}
        placeholder={daily ? undefined : t('calendarReports.allBranches')}
        clearable={!daily}
        onChange={(branchId) => set({ branchId, userId: null })}
        data-testid="calreports-branch"
      />
      {user.role !== 'employee' && (
        <Select
          label={t('calendarReports.filter.employee')}
          w={220}
          searchable
          clearable
          data={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={value.userId}
          placeholder={t('calendarReports.allEmployees')}
          onChange={(userId) => set({ userId })}
          data-testid="calreports-employee"
        />
      )}
    </Group>
  );
}
