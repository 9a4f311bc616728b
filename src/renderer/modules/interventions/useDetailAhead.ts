/**
 * The focused row's document is read while the person looks at it, so Enter opens a form that is already filled.
 * A document read ahead is used only while fresh: one older, or made stale by a change pushed since, is dropped
 * before the form opens, which then reads it anew.
 */
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call } from '../../app/api';
import { apiQueryKey } from '../../app/apiQuery';

/** How long a document read ahead may stand in for a fresh read. */
export const AHEAD_FRESH_MS = 10_000;

/** A cursor moved by the keys is read ahead once it rests: held arrows and Page Down pass many rows. */
const KEY_REST_MS = 120;

/** Reads the document `id` ahead: at once when clicked on (`byKey` false), once the cursor rests when moved by keys. */
export function useDetailAhead(id: string | null | undefined, byKey = false): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!id) return;
    const key = apiQueryKey('interventions.get', { id });
    // A failed read ahead is not kept: the form reads it itself and says what went wrong.
    const read = () => void client.prefetchQuery({ queryKey: key, queryFn: () => call('interventions.get', { id }), staleTime: AHEAD_FRESH_MS });
    if (!byKey) return read();
    const timer = setTimeout(read, KEY_REST_MS);
    return () => clearTimeout(timer);
  }, [client, id, byKey]);
}

/** Before a form opens on `id`: a copy read ahead that may be outdated is dropped (see the file's comment). */
export function dropStaleDetail(client: QueryClient, id: string, now = Date.now()): void {
  const key = apiQueryKey('interventions.get', { id });
  const state = client.getQueryState(key);
  if (state && (state.isInvalidated || state.status !== 'success' || now - state.dataUpdatedAt > AHEAD_FRESH_MS) && state.fetchStatus !== 'fetching') client.removeQueries({ queryKey: key, exact: true });
}
