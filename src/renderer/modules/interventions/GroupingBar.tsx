import { ActionIcon, Button, Group, Menu, Select, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DATE_BUCKETS, GROUP_FIELDS, type DateBucket, type GroupField, type GroupLevel } from '../../../shared/api/interventions';
import { MAX_GROUP_LEVELS, groupFieldLabel, isDateField } from './model';

/**
 * Up to three grouping levels among the seed's eleven fields; date fields group by day, week or month.
 * Each level is a select, so Tab and the arrow keys change it; the × removes it.
 */
export function GroupingBar(p: {
  levels: GroupLevel[];
  onChange(levels: GroupLevel[]): void;
  onCollapseAll?(): void;
  onExpandAll?(): void;
  tree: boolean;
}) {
  const { t } = useTranslation();
  const used = new Set(p.levels.map((l) => l.field));
  const fieldData = (current?: GroupField) =>
    GROUP_FIELDS.filter((f) => f === current || !used.has(f)).map((f) => ({ value: f, label: groupFieldLabel(t, f) }));
  const setLevel = (i: number, level: GroupLevel) => p.onChange(p.levels.map((l, j) => (j === i ? level : l)));
  const add = (f: GroupField) => p.onChange([...p.levels, isDateField(f) ? { field: f, bucket: 'day' } : { field: f }]);

  return (
    <Group gap={6} wrap="nowrap" data-testid="grouping-bar" className="pl-grouping">
      <Text size="xs" c="dimmed" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {t('interventions.grouping.title')}
      </Text>
      {p.levels.length === 0 && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('interventions.grouping.none')}
        </Text>
      )}
      {p.levels.map((l, i) => (
        <Group key={l.field} gap={2} wrap="nowrap" className="pl-group-chip" data-testid={`group-level-${i}`}>
          <Text size="xs" c="dimmed">
            {i + 1}.
          </Text>
          <Select
            size="xs"
            w={150}
            variant="unstyled"
            aria-label={t('interventions.grouping.level', { n: i + 1 })}
            data={fieldData(l.field)}
            value={l.field}
            allowDeselect={false}
            comboboxProps={{ zIndex: 400 }}
            onChange={(v) => v && setLevel(i, isDateField(v as GroupField) ? { field: v as GroupField, bucket: l.bucket ?? 'day' } : { field: v as GroupField })}
            data-testid={`group-field-${i}`}
          />
          {isDateField(l.field) && (
            <Select
              size="xs"
              w={86}
              variant="unstyled"
              aria-label={t('interventions.grouping.bucket')}
              data={DATE_BUCKETS.map((b) => ({ value: b, label: t(`interventions.grouping.buckets.${b}`) }))}
              value={l.bucket ?? 'day'}
              allowDeselect={false}
              comboboxProps={{ zIndex: 400 }}
              onChange={(v) => v && setLevel(i, { field: l.field, bucket: v as DateBucket })}
              data-testid={`group-bucket-${i}`}
            />
          )}
          <ActionIcon size="xs" variant="subtle" color="gray" aria-label={t('common.remove')} onClick={() => p.onChange(p.levels.filter((_, j) => j !== i))} data-testid={`group-remove-${i}`}>
            ×
          </ActionIcon>
        </Group>
      ))}
      {p.levels.length < MAX_GROUP_LEVELS && (
        <Menu position="bottom-start" zIndex={400} shadow="md">
          <Menu.Target>
            <Button size="compact-xs" variant="light" data-testid="group-add">
              + {t('interventions.grouping.add')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
            {fieldData().map((f) => (
              <Menu.Item key={f.value} onClick={() => add(f.value)} data-testid={`group-add-${f.value}`}>
                {f.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {p.levels.length > 0 && !p.tree && (
        <>
          <Tooltip label={t('interventions.grouping.expandHint')}>
            <Button size="compact-xs" variant="subtle" onClick={p.onExpandAll} data-testid="group-expand-all">
              {t('interventions.grouping.expandAll')}
            </Button>
          </Tooltip>
          <Button size="compact-xs" variant="subtle" onClick={p.onCollapseAll} data-testid="group-collapse-all">
            {t('interventions.grouping.collapseAll')}
          </Button>
        </>
      )}
    </Group>
  );
}
