import type { ReactNode } from 'react';
import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import { TableHead } from '../../components/tableParts';
import { interventionAddress } from '../interventions/addressed';

/** A My page section's list: small and striped under one header row. */
export function HomeTable(p: { titles: ReactNode[]; children: ReactNode }) {
  return (
    <Table fz="xs" verticalSpacing={2} striped>
      <TableHead titles={p.titles} />
      <Table.Tbody>{p.children}</Table.Tbody>
    </Table>
  );
}

/** A document named by its number (when it has one) and client, opening its form on the interventions screen. */
export function DocumentLink(p: { id: string; number?: string | null; client: string }) {
  return (
    <Anchor component={Link} to={interventionAddress({ open: p.id })} size="xs">
      {p.number ? `${p.number} · ` : ''}
      {p.client}
    </Anchor>
  );
}
