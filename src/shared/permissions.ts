/** Roles, modules and the permission matrix. Pure data: main enforces it, the renderer only uses it to hide what would be refused. */
export const ROLES = ['owner', 'admin', 'branch_manager', 'dispatcher', 'employee', 'accountant'] as const;
export type Role = (typeof ROLES)[number];

export const MODULES = [
  'organization',
  'users',
  'clients',
  'audit',
  'periods',
  'series',
  'interventions',
  'calendar',
  'tasks',
  'chat',
  /** The organization-wide reference lists: intervention types, classifications, zones, vehicles, contracts, products. */
  'nomenclature',
  /** Reminder calls: settings, trunk, usage and recordings need approve (owners and admins); clerks read attempts and change a visit's reminders. */
  'reminders',
  /** Monthly invoices from done tasks: managers review and approve; nobody below them sees prices of the whole month. */
  'invoices',
] as const;
export type Module = (typeof MODULES)[number];

export const ACTIONS = ['read', 'write', 'delete', 'approve'] as const;
export type Action = (typeof ACTIONS)[number];

type Grants = Partial<Record<Module, readonly Action[]>>;
const ALL: readonly Action[] = ACTIONS;
const RW: readonly Action[] = ['read', 'write'];
const R: readonly Action[] = ['read'];

const everything = Object.fromEntries(MODULES.map((m) => [m, ALL])) as Grants;

export const ROLE_GRANTS: Record<Role, Grants> = {
  owner: everything,
  admin: everything,
  // `users` is user administration (logins, e-mails, roles): owners and admins only. Everyone else sees colleagues'
  // names through `users.directory`. Reference lists are shared by the whole organization: dispatchers and above.
  branch_manager: {
    organization: R,
    clients: ALL,
    audit: R,
    periods: R,
    series: RW,
    interventions: ALL,
    // Deleting a visit takes its payments with it: owners and administration only (seed 003); managers cancel.
    calendar: ['read', 'write', 'approve'],
    tasks: ALL,
    chat: ALL,
    nomenclature: ALL,
    reminders: RW,
    invoices: ALL,
  },
  dispatcher: {
    organization: R,
    clients: RW,
    periods: R,
    series: R,
    interventions: RW,
    calendar: RW,
    tasks: RW,
    chat: RW,
    nomenclature: RW,
    reminders: RW,
  },
  employee: {
    organization: R,
    clients: R,
    periods: R,
    interventions: RW,
    calendar: RW,
    tasks: RW,
    chat: RW,
    nomenclature: R,
    reminders: RW,
  },
  // A service company's accountant: reads the work and time behind the month's invoices, generates, reviews, approves
  // and exports them and keeps the seller's details; gives no task to anyone and changes no task.
  accountant: {
    organization: R,
    clients: R,
    audit: R,
    periods: R,
    series: R,
    // Reads the call centre's documents as every role does: a client's history on the card, a disputed line's source.
    interventions: R,
    tasks: R,
    nomenclature: R,
    invoices: ALL,
  },
};

export function can(role: Role, module: Module, action: Action): boolean {
  return ROLE_GRANTS[role][module]?.includes(action) ?? false;
}

/** Higher rank may manage lower; nobody grants a role above their own. */
// The accountant manages nobody and is given their role by an administrator, as a dispatcher is.
export const ROLE_RANK: Record<Role, number> = { owner: 5, admin: 4, branch_manager: 3, dispatcher: 2, employee: 1, accountant: 2 };

/** Owners and admins see every branch of their organization; others only the branches they are assigned to. */
export function seesAllBranches(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}
