import type { KeyboardEvent, Ref, UIEvent } from 'react';
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EditRow } from './EditRow';
import { hasClient, type ListKind } from './kinds';
import type { Draft, Editing, Row } from './rowEdit';
import classes from './nomenclature.module.css';
import { EmptyRow } from '../../components/tableParts';

export interface RowsTableProps {
  ref: Ref<HTMLDivElement>;
  kind: ListKind;
  rows: Row[];
  selected: string | null;
  /** The row being edited in place (a new one on top). */
  editing: Editing | null;
  saving: boolean;
  /** Shown in place of rows when there are none. */
  emptyText: string;
  label: string;
  onSelect(id: string): void;
  onOpen(row: Row): void;
  onDraft(draft: Draft): void;
  onSave(): void;
  onCancelEdit(): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
  /** Focus came to the table itself (not to an input of an edited row). */
  onFocusTable(): void;
  /** Scrolled near the end of what is loaded. */
  onNearEnd(): void;
}

/** The rows of the chosen list, one of them an edit row while a row is edited. */
export function RowsTable(p: RowsTableProps) {
  const { t } = useTranslation();
  const withClient = hasClient(p.kind);
  const colCount = 3 + (withClient ? 1 : 0) + (p.kind === 'product' ? 1 : 0);
  const editRow = (key?: string) => <EditRow key={key} kind={p.kind} editing={p.editing!} saving={p.saving} onChange={p.onDraft} onSave={p.onSave} onCancel={p.onCancelEdit} />;
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (el.scrollTop + el.clientHeight > el.scrollHeight - 120) p.onNearEnd();
  };

  return (
    <div
      ref={p.ref}
      className={classes.table}
      tabIndex={0}
      role="group"
      aria-label={p.label}
      onKeyDown={p.onKeyDown}
      onFocus={(e) => e.target === e.currentTarget && p.onFocusTable()}
      onScroll={onScroll}
      data-testid="nomenclature-table"
    >
      <Table layout="fixed" stickyHeader striped highlightOnHover withTableBorder withColumnBorders verticalSpacing={3} horizontalSpacing={8} fz="sm">
        {/* Fixed widths: an error under a field in the edited row must not make the columns jump. */}
        <colgroup>
          <col style={{ width: 150 }} />
          <col />
          {withClient && <col style={{ width: 280 }} />}
          {p.kind === 'product' && <col style={{ width: 90 }} />}
          <col style={{ width: 90 }} />
        </colgroup>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.code')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            {withClient && <Table.Th>{t('fields.clientId')}</Table.Th>}
            {p.kind === 'product' && <Table.Th>{t('fields.isSystem')}</Table.Th>}
            <Table.Th>{t('fields.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.editing && !p.editing.row && editRow()}
          {p.rows.map((r) =>
            p.editing?.row?.id === r.id ? (
              editRow(r.id)
            ) : (
              <Table.Tr
                key={r.id}
                data-key={r.id}
                aria-selected={r.id === p.selected}
                data-selected={r.id === p.selected || undefined}
                onClick={() => p.onSelect(r.id)}
                onDoubleClick={() => p.onOpen(r)}
                style={{ cursor: 'default', opacity: r.active ? undefined : 0.55 }}
              >
                <Table.Td className={classes.code}>{r.code ?? ''}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                {withClient && <Table.Td>{r.clientName ?? ''}</Table.Td>}
                {p.kind === 'product' && <Table.Td>{r.isSystem ? t('common.yes') : ''}</Table.Td>}
                <Table.Td>
                  <Badge size="xs" variant="light" color={r.active ? 'teal' : 'gray'}>
                    {r.active ? t('common.yes') : t('common.no')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ),
          )}
          {!p.rows.length && !(p.editing && !p.editing.row) && <EmptyRow colSpan={colCount}>{p.emptyText}</EmptyRow>}
        </Table.Tbody>
      </Table>
    </div>
  );
}
