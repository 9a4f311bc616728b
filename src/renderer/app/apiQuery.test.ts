import { describe, expect, it } from 'vitest';
import { apiQueryKey } from './apiQuery';
import { invalidateFor, queryClient } from './queryClient';

describe('contract-typed query keys', () => {
  it('are made stale by the push event of their module and by no other', () => {
    const client = apiQueryKey('clients.get', { id: 'c1' });
    const users = apiQueryKey('users.list', { includeInactive: true });
    queryClient.setQueryData(client, { id: 'c1' });
    queryClient.setQueryData(users, []);
    try {
      invalidateFor('clients.changed');
      expect(queryClient.getQueryState(client)?.isInvalidated).toBe(true);
      expect(queryClient.getQueryState(users)?.isInvalidated).toBe(false);
      // The same name and input is the same cache entry, whoever asks.
      expect(queryClient.getQueryData(apiQueryKey('clients.get', { id: 'c1' }))).toEqual({ id: 'c1' });
    } finally {
      queryClient.clear();
    }
  });
});
