import type { ReactNode } from 'react';
import { Table, Text } from '@mantine/core';

/** The one row of a table with nothing to show: why (loading, no rows, nothing found), across the table. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text size="sm" c="dimmed" ta="center" py="xs">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** A plain table's header row, one title a column. */
export function TableHead({ titles }: { titles: ReactNode[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {titles.map((title, i) => (
          <Table.Th key={i}>{title}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
