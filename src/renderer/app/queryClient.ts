import { QueryClient } from '@tanstack/react-query';
import type { EventName } from '../../shared/api';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

/** Which cached queries a push event makes stale: query keys start with the procedure's module prefix. */
const INVALIDATES: Record<EventName, string[]> = {
  'clients.changed': ['clients'],
  'org.changed': ['org', 'branches'],
  'users.changed': ['users'],
  'periods.changed': ['periods'],
  'series.changed': ['series'],
  // My page's sections read interventions too.
  'interventions.changed': ['interventions', 'home'],
  // Progress is read by the export dialog itself; nothing cached goes stale.
  'export.progress': [],
  'nomenclature.changed': ['nomenclature', 'products', 'interventions'],
};

export function invalidateFor(name: EventName): void {
  for (const prefix of INVALIDATES[name] ?? []) void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith(`${prefix}.`) });
}
