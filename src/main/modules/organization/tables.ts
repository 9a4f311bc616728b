import { syncedRows } from '../../api/funnel';

/** How the organization's rows are written (the write funnel): each with its audit entry and change event. */
export const orgRows = syncedRows({
  table: 'org',
  module: 'organization',
  summary: (o) => o.name,
  snapshot: (o) => ({ name: o.name, phone: o.phone, country: o.country, time_zone: o.time_zone, languages: o.languages }),
  announce: (ctx) => ctx.emit('org.changed', {}),
});

export const branchRows = syncedRows({
  table: 'branch',
  module: 'organization',
  summary: (b) => b.name,
  snapshot: (b) => ({ name: b.name, address: b.address, phone: b.phone, time_zone: b.time_zone, manager_id: b.manager_id }),
  announce: (ctx) => ctx.emit('org.changed', {}),
});

/** People: their entry is written by the service, with their branches in it (the branch links are part of it). */
export const userRows = syncedRows({
  table: 'app_user',
  module: 'users',
  entity: 'user',
  announce: (ctx) => ctx.emit('users.changed', {}),
});

export const userBranchRows = syncedRows({ table: 'user_branch', module: 'users' });
