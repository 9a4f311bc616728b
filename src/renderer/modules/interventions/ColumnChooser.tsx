import { useState } from 'react';
import { Button, Checkbox, Group, Popover, ScrollArea, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ColumnState } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { GRID_COLUMNS, type GridColumn } from '../../../shared/api/interventions';
import type { InterventionsGridHandle } from './InterventionsGrid';

/** Show, hide and pin any of the 29 columns; drag headers to reorder and their edges to resize. Remembered per person. */
export function ColumnChooser({ grid }: { grid: () => InterventionsGridHandle | null }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [state, setState] = useState<ColumnState[]>([]);
  const [filter, setFilter] = useState('');
  const reload = () => setState(grid()?.columnState() ?? []);
  const byId = new Map(state.map((s) => [s.colId, s]));
  const cols = GRID_COLUMNS.filter((c) => !filter || t(`interventions.col.${c}`).toLowerCase().includes(filter.toLowerCase()));

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      shadow="md"
      width={330}
      zIndex={400}
      trapFocus
      onOpen={reload}
    >
      <Popover.Target>
        <Button variant="default" onClick={() => setOpened((o) => !o)} data-testid="columns-button">
          {t('grid.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={6} data-testid="columns-chooser">
        <Stack gap={4}>
          <TextInput size="xs" placeholder={t('common.search')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} data-autofocus />
          <ScrollArea.Autosize mah={380} type="auto">
            <Stack gap={2}>
              {cols.map((c: GridColumn) => {
                const s = byId.get(c);
                const visible = s ? !s.hide : false;
                return (
                  <Group key={c} gap={4} wrap="nowrap" justify="space-between">
                    <Checkbox
                      size="xs"
                      label={t(`interventions.col.${c}`)}
                      checked={visible}
                      onChange={(e) => {
                        grid()?.setColumnVisible(c, e.currentTarget.checked);
                        reload();
                      }}
                      data-testid={`column-toggle-${c}`}
                    />
                    <SegmentedControl
                      size="xs"
                      value={(s?.pinned as string) || 'none'}
                      onChange={(v) => {
                        grid()?.setColumnPinned(c, v === 'none' ? null : (v as 'left' | 'right'));
                        reload();
                      }}
                      data={[
                        { value: 'left', label: '⇤' },
                        { value: 'none', label: '·' },
                        { value: 'right', label: '⇥' },
                      ]}
                      aria-label={t('interventions.columns.pin')}
                      disabled={!visible}
                      data-testid={`column-pin-${c}`}
                    />
                  </Group>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed">
            {t('interventions.columns.hint')}
          </Text>
          <Group justify="space-between">
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              onClick={() => {
                grid()?.applyColumnState(null);
                reload();
              }}
              data-testid="columns-reset"
            >
              {t('grid.resetLayout')}
            </Button>
            <Button size="compact-xs" variant="subtle" onClick={() => grid()?.fitColumns()}>
              {t('interventions.columns.fit')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
