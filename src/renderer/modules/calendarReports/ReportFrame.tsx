import type { ReactNode } from 'react';
import { Alert, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportFile } from '../../../shared/api/reports';
import { errorText } from '../../app/errors';
import { useZoneNote } from '../../app/format';
import { EmptyRow, TableHead } from '../../components/tableParts';
import { PdfButtons } from './PdfButtons';

/** One report's place on the screen: its print buttons and zone note, its chart, then its dense table. */
export function ReportFrame(p: {
  testId: string;
  query: { isLoading: boolean; error: unknown };
  zone?: string | null;
  produce(): Promise<ReportFile>;
  summary?: ReactNode;
  chart: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const zoneNote = useZoneNote(p.zone);
  return (
    <Stack gap={6} data-testid={p.testId} style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          {p.summary}
          {zoneNote && (
            <Text size="sm" c="dimmed">
              {zoneNote}
            </Text>
          )}
        </Group>
        <PdfButtons produce={p.produce} disabled={p.query.isLoading || !!p.query.error} testId={p.testId} />
      </Group>
      {p.query.error ? (
        <Alert color="red" role="alert">
          {errorText(t, p.query.error)}
        </Alert>
      ) : (
        <ScrollArea style={{ flex: 1, minHeight: 0 }}>
          <Stack gap="sm">
            {p.chart}
            {p.children}
          </Stack>
        </ScrollArea>
      )}
    </Stack>
  );
}

/** A dense table: titles, rows, and one line saying why there are none. */
export function DenseTable({ titles, rows, loading, testId, right = [] }: { titles: string[]; rows: ReactNode[][]; loading: boolean; testId: string; right?: number[] }) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover withTableBorder fz="xs" verticalSpacing={2} horizontalSpacing={6} data-testid={testId}>
      <TableHead titles={titles} />
      <Table.Tbody>
        {rows.length ? (
          rows.map((cells, i) => (
            <Table.Tr key={i}>
              {cells.map((c, j) => (
                <Table.Td key={j} ta={right.includes(j) ? 'right' : undefined}>
                  {c}
                </Table.Td>
              ))}
            </Table.Tr>
          ))
        ) : (
          <EmptyRow colSpan={titles.length}>{loading ? t('common.loading') : t('calendarReports.nothing')}</EmptyRow>
        )}
      </Table.Tbody>
    </Table>
  );
}
