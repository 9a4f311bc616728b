/** How the visit form offers services and follows the one chosen: pure, so the rules are tested without a screen. */
import type { ServiceRow } from '../../../../shared/api/schedule';
import type { LineValues } from './visitValues';

/** The branch's active services, those the employee performs first, each run by name. */
export function servicesFor(services: readonly ServiceRow[], userId: string | null, keep: string | null = null): { row: ServiceRow; performs: boolean }[] {
  return services
    .filter((s) => s.active || s.id === keep)
    .map((row) => ({ row, performs: !!userId && row.performerIds.includes(userId) }))
    .sort((a, b) => Number(b.performs) - Number(a.performs) || a.row.name.localeCompare(b.row.name));
}

export function serviceLine(s: ServiceRow): LineValues {
  return { kind: 'service', serviceId: s.id, productId: null, name: s.name, quantity: 1, priceMinor: s.priceMinor };
}

/**
 * Another main service: its line takes the place of the previous main service's line (or comes first when there
 * was none); other lines stay. No service: the previous main line goes.
 */
export function withMainService(lines: readonly LineValues[], previousId: string | null, next: ServiceRow | null): LineValues[] {
  const at = previousId ? lines.findIndex((l) => l.kind === 'service' && l.serviceId === previousId) : -1;
  const rest = at >= 0 ? lines.filter((_, i) => i !== at) : [...lines];
  if (!next) return rest;
  if (rest.some((l) => l.kind === 'service' && l.serviceId === next.id)) return rest;
  const line = serviceLine(next);
  return at >= 0 ? [...rest.slice(0, at), line, ...rest.slice(at)] : [line, ...rest];
}
