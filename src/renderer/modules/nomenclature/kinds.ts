import { NOMENCLATURE_KINDS, isClientBound, type NomenclatureKind } from '../../../shared/api/nomenclature';

/** What the screen's left column lists: every nomenclature kind, then products (a table of their own). */
export type ListKind = NomenclatureKind | 'product';
export const LIST_KINDS: readonly ListKind[] = [...NOMENCLATURE_KINDS, 'product'];

export function kindLabelKey(kind: ListKind): string {
  return `nomenclature.kinds.${kind}`;
}

export function hasClient(kind: ListKind): boolean {
  return kind !== 'product' && isClientBound(kind);
}

/** "Z01 · Zona Centru", or the name alone when there is no code. */
export function itemLabel(r: { code: string | null; name: string }): string {
  return r.code ? `${r.code} · ${r.name}` : r.name;
}
