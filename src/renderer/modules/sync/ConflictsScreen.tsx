import { Alert, Button, Group, Kbd, Paper, Stack, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SyncConflict } from '../../../shared/api/sync';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { ErrorBanner, KeyButton, ListTable, ScreenHeader, useListSelection, useScreenKeys } from '../../components/screen';
import { columnLabel, conflictTitle, sideLine, valueText } from './conflictText';

/**
 * Conflicts the merge settled one way and a person must confirm: the list, and the chosen one's two versions side by
 * side with the module's field labels. K keeps the version every computer shows now; O puts the replaced one back
 * (a new change that syncs). A double booking may also be settled by moving the other visit: M opens it in the calendar,
 * and the conflict closes by itself once the two no longer overlap (on every computer, as the move arrives). Arrows move
 * through the list; after a decision the next conflict is chosen.
 */
export function ConflictsScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const list = useApiQuery('sync.conflicts', {});
  const rows = list.data ?? [];
  const selection = useListSelection(rows, (c) => c.id, list.isLoading);
  const { select, table } = selection;
  // The first conflict is in front at once: its two versions are what the screen is for.
  const current = selection.current ?? rows[0] ?? null;
  const resolve = useApiMutation('sync.resolveConflict', {
    onSuccess: () => {
      const i = rows.findIndex((c) => c.id === current?.id);
      select(rows[i + 1]?.id ?? rows[i - 1]?.id ?? null);
      void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('sync.') });
    },
  });
  const decide = (keep: 'kept' | 'other') => current && !resolve.isPending && resolve.mutate({ id: current.id, keep });
  const navigate = useNavigate();
  const movable = current?.kind === 'slot_double_booked' && current.otherRowId ? current.otherRowId : null;
  const moveOther = () => movable && void navigate(`/calendar?visit=${movable}`);
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('sync.') });
  useScreenKeys({ enabled: true, onRefresh: refresh });
  useHotkeys([
    ['K', () => decide('kept')],
    ['O', () => decide('other')],
    ['M', moveOther],
  ]);

  return (
    <div className="planora-page" data-testid="sync-conflicts-screen">
      <ScreenHeader title={t('sync.conflictsTitle')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={list.error ? errorText(t, list.error) : null} onClose={refresh} />
      <Text size="sm" c="dimmed" mb={6}>
        {t('sync.conflictsIntro')}
      </Text>
      {list.data && rows.length === 0 && <Text data-testid="sync-no-conflicts">{t('sync.noConflicts')}</Text>}
      {rows.length > 0 && (
        <Stack gap="xs">
          <ListTable
            {...table}
            selected={current?.id ?? null}
            testId="sync-conflict-list"
            label={t('sync.conflictsTitle')}
            columns={[
              { key: 'kind', header: t('sync.conflictHeader'), width: 220, render: (c) => t(`sync.kind_${c.kind}`) },
              { key: 'title', header: t('sync.record'), render: (c) => conflictTitle(t, fmt, c) },
              { key: 'at', header: t('sync.found'), width: 170, render: (c) => fmt.dateTime(c.detectedAt) },
            ]}
          />
          <Text size="xs" c="dimmed">
            {t('sync.keys')}
          </Text>
          {current && <ConflictSides conflict={current} />}
          {resolve.error && (
            <Alert color="red" role="alert" p="xs">
              {errorText(t, resolve.error)}
            </Alert>
          )}
          {current && (
            <Group gap={6}>
              <Button onClick={() => decide('kept')} loading={resolve.isPending} rightSection={<Kbd size="xs">K</Kbd>} data-testid="sync-keep">
                {t('sync.keepThis')}
              </Button>
              <Button variant="default" onClick={() => decide('other')} disabled={resolve.isPending} rightSection={<Kbd size="xs">O</Kbd>} data-testid="sync-put-back">
                {t('sync.putOtherBack')}
              </Button>
              {movable && (
                <Button variant="default" onClick={moveOther} rightSection={<Kbd size="xs">M</Kbd>} data-testid="sync-move-other">
                  {t('sync.moveOther')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      )}
    </div>
  );
}

function ConflictSides({ conflict: c }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns = [...new Set([...Object.keys(c.kept.values), ...Object.keys(c.other.values)])];
  return (
    <Paper withBorder p="xs" data-testid="sync-conflict-sides">
      <Text fw={700} size="sm" mb={4}>
        {t(`sync.kind_${c.kind}`)}: {conflictTitle(t, fmt, c)}
      </Text>
      <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={3}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180}>{t('sync.field')}</Table.Th>
            <SideHead which="kept" side={c.kept} />
            <SideHead which="other" side={c.other} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((col) => (
            <Table.Tr key={col}>
              <Table.Td>{columnLabel(t, c.table, col)}</Table.Td>
              <Table.Td data-testid={`sync-kept-${col}`}>{valueText(t, fmt, c.table, col, c.kept.values[col], c.names)}</Table.Td>
              <Table.Td data-testid={`sync-other-${col}`}>{valueText(t, fmt, c.table, col, c.other.values[col], c.names)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function SideHead({ which, side }: { which: 'kept' | 'other'; side: SyncConflict['kept'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Table.Th data-testid={`sync-${which}-head`}>
      {t(`sync.${which}`)}
      <Text size="xs" c="dimmed" fw={400}>
        {sideLine(t, fmt, side)}
      </Text>
    </Table.Th>
  );
}
