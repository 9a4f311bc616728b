import { Button, Checkbox, Group, MultiSelect, SegmentedControl, Select, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalView } from './grid';
import type { CalendarPrefs } from './prefs';

interface Option {
  value: string;
  label: string;
}

export interface CalendarToolbarProps {
  title: string;
  zoneNote: string | null;
  prefs: CalendarPrefs;
  setPrefs(patch: Partial<CalendarPrefs>): void;
  branches: Option[];
  employees: Option[];
  services: Option[];
  ownOnly: boolean;
  step(dir: -1 | 1): void;
  today(): void;
}

const VIEWS: { value: CalView; key: string }[] = [
  { value: 'day', key: 'D' },
  { value: 'side', key: 'S' },
  { value: 'week', key: 'W' },
  { value: 'month', key: 'M' },
  { value: 'list', key: 'L' },
];

/** The calendar's one line of controls: the period, the view, and the filters by branch, employee(s) and service. */
export function CalendarToolbar(p: CalendarToolbarProps) {
  const { t } = useTranslation();
  return (
    <Group gap={6} justify="space-between" wrap="wrap">
      <Group gap={6} wrap="nowrap">
        <Title order={1} size="h5" mr={6} style={{ whiteSpace: 'nowrap' }}>
          {t('calendar.title')}
        </Title>
        <Button variant="default" onClick={() => p.step(-1)} aria-label={t('calendar.prev')} title="PageUp" data-testid="vcal-prev">
          ‹
        </Button>
        <Button variant="default" onClick={p.today} title="T" data-testid="vcal-today">
          {t('calendar.today')}
        </Button>
        <Button variant="default" onClick={() => p.step(1)} aria-label={t('calendar.next')} title="PageDown" data-testid="vcal-next">
          ›
        </Button>
        <Text fw={600} size="sm" ml={6} data-testid="vcal-title" style={{ whiteSpace: 'nowrap' }}>
          {p.title}
        </Text>
        {p.zoneNote && (
          <Text size="xs" c="dimmed" data-testid="vcal-zone-note" style={{ whiteSpace: 'nowrap' }}>
            {p.zoneNote}
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={p.prefs.view}
          onChange={(v) => p.setPrefs({ view: v as CalView })}
          data={VIEWS.map((v) => ({ value: v.value, label: t(`calendar.view.${v.value}`) }))}
          aria-label={t('calendar.viewLabel')}
          data-testid="vcal-view"
        />
        {p.branches.length > 1 && (
          <Select w={150} aria-label={t('fields.branchId')} data={p.branches} value={p.prefs.branchId ?? p.branches[0]?.value ?? null} onChange={(v) => p.setPrefs({ branchId: v, userIds: [], serviceId: null })} allowDeselect={false} data-testid="vcal-branch" />
        )}
        {!p.ownOnly && (
          <MultiSelect
            w={230}
            aria-label={t('calendar.employees')}
            placeholder={p.prefs.userIds.length ? undefined : t('calendar.everyone')}
            data={p.employees}
            value={p.prefs.userIds}
            onChange={(v) => p.setPrefs({ userIds: v })}
            searchable
            clearable
            maxValues={12}
            data-testid="vcal-employees"
          />
        )}
        <Select w={160} aria-label={t('calendar.service')} placeholder={t('calendar.allServices')} data={p.services} value={p.prefs.serviceId} onChange={(v) => p.setPrefs({ serviceId: v })} clearable searchable data-testid="vcal-service" />
        <Checkbox size="xs" label={t('calendar.showCancelled')} checked={p.prefs.showCancelled} onChange={(e) => p.setPrefs({ showCancelled: e.currentTarget.checked })} data-testid="vcal-cancelled" />
      </Group>
    </Group>
  );
}
