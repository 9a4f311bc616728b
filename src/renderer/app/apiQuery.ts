/**
 * TanStack Query over the contract: a screen names the procedure once and gets its input and output types from
 * `src/shared/api`. A query's key is `[name, input]`, so the push events (`queryClient.ts`, by the name's module
 * prefix) make it stale like every other cached read.
 */
import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { Input, Output, ProcName } from '../../shared/api';
import { call } from './api';

export type ApiQueryKey<N extends ProcName> = readonly [N, Input<N>];

/** The cache key of a read: the procedure's name first (what invalidation matches on), then its input. */
export function apiQueryKey<N extends ProcName>(name: N, input: Input<N>): ApiQueryKey<N> {
  return [name, input] as const;
}

type QueryOpts<N extends ProcName, D> = Omit<UseQueryOptions<Output<N>, Error, D, ApiQueryKey<N>>, 'queryKey' | 'queryFn'>;

/** A cached read of one procedure, e.g. `useApiQuery('clients.get', { id }, { enabled: !!id })`. */
export function useApiQuery<N extends ProcName, D = Output<N>>(name: N, input: Input<N>, opts?: QueryOpts<N, D>) {
  return useQuery({ ...opts, queryKey: apiQueryKey(name, input), queryFn: () => call(name, input) });
}

type MutationOpts<N extends ProcName, C> = Omit<UseMutationOptions<Output<N>, Error, Input<N>, C>, 'mutationFn'>;

/**
 * A write of one procedure: `isPending` is the busy state and `error` the refusal, instead of a `useState` pair and
 * a try/catch around `call`. What the write changed comes back as a push event, so no cache is touched here.
 */
export function useApiMutation<N extends ProcName, C = unknown>(name: N, opts?: MutationOpts<N, C>) {
  return useMutation({ ...opts, mutationFn: (input: Input<N>) => call(name, input) });
}
