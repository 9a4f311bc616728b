import { Badge, Button, Drawer, Indicator, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WarningKind } from '../../../shared/api/interventionSettings';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { EmptyRow, TableHead } from '../../components/tableParts';
import { statusLabel } from './model';

const KIND_COLOR: Record<WarningKind, string> = { unallocated: 'orange', unconfirmed: 'yellow', overdue: 'red' };

/** Open warnings refresh on their push event; a minute is the scan's own pace, so polling adds nothing. */
function useOpenWarnings(enabled = true) {
  return useApiQuery('interventions.warnings.list', {}, { enabled, staleTime: 60_000 });
}

/**
 * The open warnings the user may see (main keeps to their branches), newest first; each opens its intervention.
 * Meant for any page: the interventions screen shows it in a drawer, the home page may show it as it is.
 */
export function WarningsPanel(p: { onOpenIntervention(id: string): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useOpenWarnings();
  const rows = list.data?.rows ?? [];
  if (!list.data) return null;
  return (
    <Stack gap="xs" data-testid="warnings-panel">
      <Table fz="xs" verticalSpacing={4} striped>
        <TableHead titles={[t('interventions.warnings.kind'), t('interventions.col.number'), t('interventions.col.client'), t('interventions.warnings.since'), t('interventions.col.status')]} />
        <Table.Tbody>
          {rows.length === 0 && <EmptyRow colSpan={5}>{t('interventions.warnings.empty')}</EmptyRow>}
          {rows.map((w) => (
            <Table.Tr key={w.id} data-testid="warning-row" data-kind={w.kind}>
              <Table.Td>
                <Badge size="xs" tt="none" variant="light" color={KIND_COLOR[w.kind]}>
                  {t(`interventions.warnings.kinds.${w.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{w.number ?? t('interventions.warnings.draft')}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="subtle" onClick={() => p.onOpenIntervention(w.interventionId)} data-testid="warning-open">
                  {w.client}
                </Button>
              </Table.Td>
              <Table.Td>{fmt.zoned(w.dueAt, w.timeZone)}</Table.Td>
              <Table.Td>{statusLabel(t, w.status)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data.total > rows.length && (
        <Text size="xs" c="dimmed">
          {t('interventions.warnings.more', { shown: fmt.number(rows.length), total: fmt.number(list.data.total) })}
        </Text>
      )}
    </Stack>
  );
}

/** The toolbar's button: how many warnings are open, and the panel in a drawer. */
export function WarningsButton(p: { onOpenIntervention(id: string): void; /** The grid's first rows go first. */ deferred?: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const total = useOpenWarnings(!p.deferred).data?.total ?? 0;
  const label = `${t('interventions.warnings.button')}: ${total}`;
  return (
    <>
      <Tooltip label={t('interventions.warnings.title')}>
        <Indicator label={total} size={14} disabled={!total} color="red">
          <Button variant="default" onClick={() => setOpened(true)} data-testid="iv-warnings" aria-label={label}>
            ⚠ {t('interventions.warnings.button')}
          </Button>
        </Indicator>
      </Tooltip>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" size={720} title={t('interventions.warnings.title')} zIndex={250}>
        {opened && (
          <WarningsPanel
            onOpenIntervention={(id) => {
              setOpened(false);
              p.onOpenIntervention(id);
            }}
          />
        )}
      </Drawer>
    </>
  );
}
