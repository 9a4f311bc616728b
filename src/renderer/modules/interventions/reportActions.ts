import type { GridColumn, GridScope, SortField } from '../../../shared/api/interventions';
import type { FileAction, ReportFile } from '../../../shared/api/reports';
import { call } from '../../app/api';
import { openProducedFile } from '../../app/files';

/**
 * The seed's reports ("Rapoarte") and where each takes its rows from: the lists print the grid's current filter
 * (its grouping and, for the list of interventions, its shown columns and order); the sheet and the form print one document.
 */
export const LIST_REPORTS = ['interventionList', 'objectsList', 'objectsDetailed', 'productsList'] as const;
export const DOCUMENT_REPORTS = ['evolutionSheet', 'interventionForm'] as const;
export type ListReport = (typeof LIST_REPORTS)[number];
export type DocumentReport = (typeof DOCUMENT_REPORTS)[number];

/** What the grid shows right now, read when a list is asked for. */
export interface GridView {
  scope: GridScope;
  columns: GridColumn[];
  sort: { sort?: SortField; desc?: boolean };
}

export function produceList(kind: ListReport, view: GridView): Promise<ReportFile> {
  switch (kind) {
    case 'interventionList':
      return call('reports.interventionList', { scope: view.scope, columns: view.columns, ...view.sort });
    case 'objectsList':
      return call('reports.objectsList', { scope: view.scope });
    case 'objectsDetailed':
      return call('reports.objectsDetailed', { scope: view.scope });
    case 'productsList':
      return call('reports.productsList', { scope: view.scope });
  }
}

export function produceDocument(kind: DocumentReport, id: string): Promise<ReportFile> {
  return kind === 'evolutionSheet' ? call('reports.evolutionSheet', { id }) : call('reports.interventionForm', { id });
}

/** Opens, prints or saves a produced report as the intervention form does; false when a save dialog was closed. */
export function deliver(file: ReportFile, action: FileAction): Promise<boolean> {
  return openProducedFile(file, action);
}
