import { me, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { listClients, loadClient } from './repo';
import { createClient, deleteClient, findDuplicates, updateClient } from './service';

type Names = 'clients.list' | 'clients.get' | 'clients.checkDuplicates' | 'clients.create' | 'clients.update' | 'clients.delete';

export const clientsHandlers: HandlersFor<Names> = {
  async 'clients.list'(input, ctx) {
    return listClients(ctx.db, { orgId: me(ctx).orgId, search: input.search, sort: input.sort ?? 'name', desc: input.desc ?? false, limit: input.limit, offset: input.offset });
  },
  async 'clients.get'(input, ctx) {
    const c = await loadClient(ctx.db, me(ctx).orgId, input.id);
    if (!c) throw fail.notFound('client_not_found', 'id');
    return c;
  },
  async 'clients.checkDuplicates'(input, ctx) {
    return findDuplicates(ctx, input);
  },
  async 'clients.create'(input, ctx) {
    return createClient(ctx, input);
  },
  async 'clients.update'(input, ctx) {
    const { id, version, ...fields } = input;
    return updateClient(ctx, id, version, fields);
  },
  async 'clients.delete'(input, ctx) {
    await deleteClient(ctx, input.id);
    return { ok: true as const };
  },
};
