import { seesAllBranches, type Role } from '../../shared/permissions';

/** Which branches a user sees, as pure rules: shared by the queries (scope.ts) and the event relays, which hold no database. */

/** What the scope needs of a caller (a session user, or an event's recipient). */
export interface ScopeUser {
  id: string;
  orgId: string;
  role: Role;
  branchIds: readonly string[];
}

/** The branches a user sees; null means every branch of their organization (owners and admins). */
export function visibleBranchIds(user: ScopeUser): readonly string[] | null {
  return seesAllBranches(user.role) ? null : user.branchIds;
}

/** Whether a user sees a branch; a row without a branch belongs to the whole organization. */
export function seesBranch(user: ScopeUser, branchId: string | null | undefined): boolean {
  const mine = visibleBranchIds(user);
  return branchId == null || mine === null || mine.includes(branchId);
}
