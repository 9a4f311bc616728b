import { Group, Text } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import type { GridScope, Priority, Status } from '../../../shared/api/interventions';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import type { GroupRowData } from './groupModel';
import { groupFieldLabel, groupLabel, priorityLabel, statusLabel } from './model';

export interface GridTotalsProps {
  /** The grid's scope: its filters (and the tree's group, when the tree chooses one). */
  scope: GridScope;
  /** The group of the grid's focused row, when the grid is grouped in header rows. */
  group: GroupRowData | null;
  /** False: not read yet (the grid's rows go first). */
  enabled?: boolean;
}

type Totals = Output<'interventions.totals'>;

/** One line of counts: "Status Received 12 · Allocated 3 │ Priority High 2 · Low 13". */
function TotalsLine({ totals, testId, title }: { totals: Totals | undefined; testId: string; title?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!totals) return null;
  const part = (field: 'status' | 'priority') => (
    <Group gap={6} wrap="nowrap" data-testid={`${testId}-${field}`}>
      <Text size="xs" c="dimmed" span>
        {t(`interventions.col.${field}`)}
      </Text>
      {totals[field].map((g) => (
        <Text key={g.key ?? ''} size="xs" span className={field === 'status' ? `pl-status pl-status-${g.key}` : `pl-priority-${g.key}`} data-testid={`${testId}-${field}-${g.key}`} data-count={g.count}>
          {field === 'status' ? statusLabel(t, g.key as Status) : priorityLabel(t, g.key as Priority)} {fmt.number(g.count)}
        </Text>
      ))}
    </Group>
  );
  return (
    <Group gap={14} wrap="nowrap" data-testid={testId} data-total={totals.total} style={{ overflow: 'hidden' }}>
      {title && (
        <Text size="xs" fw={600} span style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 280 }} data-testid={`${testId}-title`}>
          {title}
        </Text>
      )}
      {part('status')}
      {part('priority')}
    </Group>
  );
}

/**
 * The grid's footer: the rows of the current filter counted by status and by priority, and those of the focused row's group.
 * Saves anywhere make them stale by the push event (as every interventions read); F5 asks again (`refreshTotals`).
 */
export function GridTotals({ scope, group, enabled = true }: GridTotalsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const all = useApiQuery('interventions.totals', { scope }, { enabled, placeholderData: (prev) => prev });
  const groupScope: GridScope = { ...scope, groupPath: group?.path ?? [] };
  const inGroup = useApiQuery('interventions.totals', { scope: groupScope }, { enabled: !!group, placeholderData: (prev) => prev });
  return (
    <div className="pl-totals" data-testid="iv-totals" role="status" aria-label={t('interventions.totalsLabel')}>
      <TotalsLine totals={all.data} testId="iv-totals-all" />
      {group && <TotalsLine totals={inGroup.data} testId="iv-totals-group" title={`${groupFieldLabel(t, group.level.field)}: ${groupLabel(t, fmt, group.level, group.key, group.label)}`} />}
    </div>
  );
}

/** F5 on the grid: its totals are read again with its rows. */
export function refreshTotals(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: ['interventions.totals'] });
}
