import { useId } from 'react';
import { Badge, Group, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../shared/api/admin';
import { LANGUAGE_NAMES, type Language } from '../../../shared/i18n/languages';
import { useFormat } from '../../app/format';
import { TableHead } from '../../components/tableParts';

/** snake_case column names in stored diffs → the camelCase keys of `fields.*`. */
function fieldKey(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function EntryPanel(p: {
  entry: AuditRow | null;
  userName: Map<string, string>;
  branchName: Map<string, string>;
  moduleText(m: string): string;
  entityText(e: string): string;
  actionText(a: string): string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const e = p.entry;
  const titleId = useId();

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    const key = fieldKey(field);
    const name = (id: unknown) => (typeof id === 'string' ? (p.userName.get(id) ?? p.branchName.get(id) ?? id) : String(id));
    if (Array.isArray(v)) return v.length ? v.map((x) => (key === 'branchIds' ? (p.branchName.get(String(x)) ?? String(x)) : name(x))).join(', ') : '—';
    if (key.endsWith('Id')) return name(v);
    if (key === 'role') return t(`roles.${String(v)}`, { defaultValue: String(v) });
    if (key === 'language') return LANGUAGE_NAMES[v as Language] ?? String(v);
    if (key === 'active' || key === 'locked') return v === true || v === 1 ? t('common.yes') : t('common.no');
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };

  return (
    <Paper withBorder p="xs" w={340} style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flexShrink: 0 }} data-testid="audit-entry">
      {!e ? (
        <Text size="sm" c="dimmed">
          {t('audit.pickEntry')}
        </Text>
      ) : (
        // A long change list scrolls: the panel takes the focus (named by the entry's title) so arrow keys can scroll it.
        <ScrollArea style={{ flex: 1 }} type="auto" viewportProps={{ tabIndex: 0, 'aria-labelledby': titleId }}>
          <Stack gap={6}>
            <Group gap={6} wrap="nowrap">
              <Badge variant="light" size="sm">
                {p.actionText(e.action)}
              </Badge>
              <Title order={6} id={titleId} style={{ overflowWrap: 'anywhere' }}>
                {p.entityText(e.entity)}
                {e.summary ? `: ${e.summary}` : ''}
              </Title>
            </Group>
            <Table withRowBorders={false} verticalSpacing={1} horizontalSpacing={4} fz="xs">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td c="dimmed" w={90}>
                    {t('audit.at')}
                  </Table.Td>
                  <Table.Td>{fmt.dateTime(e.at)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td c="dimmed">{t('fields.userId')}</Table.Td>
                  <Table.Td>{e.userName ?? t('audit.system')}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td c="dimmed">{t('fields.module')}</Table.Td>
                  <Table.Td>{p.moduleText(e.module)}</Table.Td>
                </Table.Tr>
                {e.entityId && (
                  <Table.Tr>
                    <Table.Td c="dimmed">{t('fields.entityId')}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.entityId}</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
            <Text size="xs" fw={600}>
              {t('audit.changes')}
            </Text>
            {e.diff && Object.keys(e.diff).length ? (
              <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={4} fz="xs" data-testid="audit-diff">
                <TableHead titles={[t('audit.field'), t('audit.before'), t('audit.after')]} />
                <Table.Tbody>
                  {Object.entries(e.diff).map(([field, [before, after]]) => (
                    <Table.Tr key={field}>
                      <Table.Td fw={500}>{t([`audit.fieldNames.${e.entity}.${fieldKey(field)}`, `fields.${fieldKey(field)}`], { defaultValue: field })}</Table.Td>
                      <Table.Td c="red.9" style={{ overflowWrap: 'anywhere' }}>
                        {value(field, before)}
                      </Table.Td>
                      <Table.Td c="teal.9" style={{ overflowWrap: 'anywhere' }}>
                        {value(field, after)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="xs" c="dimmed">
                {t('audit.noDiff')}
              </Text>
            )}
          </Stack>
        </ScrollArea>
      )}
    </Paper>
  );
}
