/**
 * A row of a reference list being edited in place: what the inputs hold (`Draft`), which procedure saves it with
 * which input, and the contract's own check of that input before it is sent.
 */
import type { TFunction } from 'i18next';
import { api, type Input } from '../../../shared/api';
import { issueToError } from '../../../shared/api/validation';
import { hasClient, type ListKind } from './kinds';
import type { Option } from './NomenclatureSelect';

/** One row of whichever list is shown: nomenclature items carry a client, products a "system" flag. */
export interface Row {
  id: string;
  code: string | null;
  name: string;
  active: boolean;
  version: number;
  clientId?: string | null;
  clientName?: string | null;
  isSystem?: boolean;
}

export interface Draft {
  code: string;
  name: string;
  client: Option | null;
  isSystem: boolean;
  active: boolean;
}

export const EDIT_FIELDS = ['code', 'name', 'clientId', 'isSystem', 'active'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

export interface FieldComplaint {
  field: string;
  message: string;
}

export interface Editing {
  /** null: a new row. */
  row: Row | null;
  draft: Draft;
  error: FieldComplaint | null;
}

/** What the inputs start with: the row's values, or for a new row the client the list is filtered on. */
export function draftOf(kind: ListKind, row: Row | null, clientFilter: Option | null): Draft {
  return {
    code: row?.code ?? '',
    name: row?.name ?? '',
    client: row?.clientId ? { value: row.clientId, label: row.clientName ?? '' } : hasClient(kind) ? clientFilter : null,
    isSystem: row?.isSystem ?? false,
    active: row?.active ?? true,
  };
}

type Request<N extends 'products.create' | 'products.update' | 'nomenclature.create' | 'nomenclature.update'> = { name: N; input: Input<N> };
export type RowRequest = Request<'products.create'> | Request<'products.update'> | Request<'nomenclature.create'> | Request<'nomenclature.update'>;

/** The procedure that saves the edited row, with its input. */
export function rowRequest(kind: ListKind, { row, draft }: Editing): RowRequest {
  const code = draft.code.trim() || null;
  if (kind === 'product') {
    return row
      ? { name: 'products.update', input: { id: row.id, version: row.version, code, name: draft.name, isSystem: draft.isSystem, active: draft.active } }
      : { name: 'products.create', input: { code, name: draft.name, isSystem: draft.isSystem } };
  }
  const clientId = hasClient(kind) ? (draft.client?.value ?? null) : undefined;
  return row
    ? { name: 'nomenclature.update', input: { id: row.id, version: row.version, code, name: draft.name, active: draft.active, clientId } }
    : { name: 'nomenclature.create', input: { kind, code, name: draft.name, clientId } };
}

/**
 * The contract's own schema first: the same words main would answer with, without a round trip.
 * Contracts and estimates belong to a client: that is said on the field too.
 */
export function complaintAbout(t: TFunction, kind: ListKind, request: RowRequest): FieldComplaint | null {
  const checked = api[request.name].input.safeParse(request.input, { reportInput: true });
  if (!checked.success) {
    const e = issueToError(checked.error.issues[0]!);
    return { field: e.field ?? 'name', message: t(e.key, e.params ?? {}) };
  }
  if (hasClient(kind) && !('clientId' in request.input && request.input.clientId)) return { field: 'clientId', message: t('errors.nomenclature_client_required') };
  return null;
}
