import type { ColDef, SortModelItem } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { CLIENT_SORTS, type ClientListRow } from '../../../shared/api/clients';

type Sort = (typeof CLIENT_SORTS)[number];

/** The grid's columns; only those main can sort on an index are sortable, and the grid asks main to sort them. */
export function clientColumns(t: TFunction, fmt: { dateTime(iso: string | null | undefined): string }): ColDef<ClientListRow>[] {
  return [
    { colId: 'name', field: 'name', headerName: t('fields.name'), sortable: true, initialSort: 'asc', flex: 2, minWidth: 180, cellStyle: { fontWeight: 600 } },
    { colId: 'kind', field: 'kind', headerName: t('fields.kind'), width: 90, valueFormatter: (p) => (p.value ? t(`clients.kinds.${p.value}`) : '') },
    { colId: 'fiscalCode', field: 'fiscalCode', headerName: t('fields.fiscalCode'), sortable: true, width: 120 },
    { colId: 'phone', field: 'phone', headerName: t('fields.phone'), width: 130 },
    { colId: 'email', field: 'email', headerName: t('fields.email'), flex: 1.5, minWidth: 160 },
    { colId: 'locality', field: 'locality', headerName: t('fields.locality'), width: 120 },
    { colId: 'responsibleName', field: 'responsibleName', headerName: t('fields.responsible'), width: 150 },
    { colId: 'updatedAt', field: 'updatedAt', headerName: t('fields.updatedAt'), sortable: true, width: 130, valueFormatter: (p) => fmt.dateTime(p.value) },
  ];
}

/** ag-grid's sort model → the contract's `sort` and `desc`; a column main cannot sort on falls back to the default (name). */
export function sortOf(model: SortModelItem | undefined): { sort?: Sort; desc?: boolean } {
  if (!model || !(CLIENT_SORTS as readonly string[]).includes(model.colId)) return {};
  return { sort: model.colId as Sort, desc: model.sort === 'desc' };
}
