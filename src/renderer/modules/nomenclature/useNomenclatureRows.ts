import { useMemo } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../app/api';
import type { ListKind } from './kinds';
import type { Row } from './rowEdit';

const PAGE = 200;

/**
 * The rows of the list shown, fetched page by page as the person scrolls or walks down: products come with their
 * total, nomenclature items without (a full page means there may be more).
 */
export function useNomenclatureRows(kind: ListKind, filter: { search: string; showInactive: boolean; clientId: string | undefined }) {
  const qc = useQueryClient();
  const { search: debounced, showInactive, clientId } = filter;
  const list = useInfiniteQuery({
    queryKey: kind === 'product' ? ['products.list', 'screen', { debounced, showInactive }] : ['nomenclature.list', 'screen', { kind, debounced, showInactive, clientId }],
    initialPageParam: 0,
    queryFn: async ({ pageParam }): Promise<{ rows: Row[]; total: number | null }> => {
      const search = debounced || undefined;
      if (kind === 'product') return call('products.list', { search, includeInactive: showInactive, limit: PAGE, offset: pageParam });
      const rows = await call('nomenclature.list', { kind, search, includeInactive: showInactive, clientId, limit: PAGE, offset: pageParam });
      return { rows, total: null };
    },
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.rows.length, 0);
      if (last.total !== null) return loaded < last.total ? loaded : undefined;
      return last.rows.length === PAGE ? loaded : undefined;
    },
  });
  // One array per answer, so an effect that waits for the rows runs when they change, not at every render.
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);
  return {
    list,
    rows,
    total: list.data?.pages.at(-1)?.total ?? null,
    /** Near the end of what is loaded: fetch the next page. */
    more: () => {
      if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
    },
    invalidate: () => void qc.invalidateQueries({ predicate: (q) => ['nomenclature.list', 'products.list'].includes(String(q.queryKey[0])) }),
  };
}
