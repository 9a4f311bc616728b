/**
 * Where a client will read an intervention's report online ("Raport CRM online – Intervenție"). The client portal
 * comes with the hub; until then the printed form carries this address under a reserved, never-resolving host
 * (RFC 2606 `.invalid`), so a code printed today cannot send a client to someone else's site. The hub replaces
 * the base; the path (organization, document) is what it will serve.
 */
export const PORTAL_BASE_PLACEHOLDER = 'https://portal.planora.invalid';

export function portalReportLink(orgId: string, interventionId: string, base = PORTAL_BASE_PLACEHOLDER): string {
  return `${base}/o/${encodeURIComponent(orgId)}/interventions/${encodeURIComponent(interventionId)}`;
}
