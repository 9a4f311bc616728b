import { me, type HandlersFor } from '../../api/context';
import { listNomenclature, listProducts } from './repo';
import { createNomenclature, createProduct, deleteNomenclature, deleteProduct, updateNomenclature, updateProduct } from './service';

type Names =
  | 'nomenclature.list'
  | 'nomenclature.create'
  | 'nomenclature.update'
  | 'nomenclature.delete'
  | 'products.list'
  | 'products.create'
  | 'products.update'
  | 'products.delete';

export const nomenclatureHandlers: HandlersFor<Names> = {
  async 'nomenclature.list'(input, ctx) {
    return listNomenclature(ctx.db, {
      orgId: me(ctx).orgId,
      kind: input.kind,
      search: input.search,
      includeInactive: input.includeInactive ?? false,
      clientId: input.clientId,
      include: input.include,
      limit: input.limit,
      offset: input.offset,
    });
  },
  async 'nomenclature.create'(input, ctx) {
    return createNomenclature(ctx, input);
  },
  async 'nomenclature.update'(input, ctx) {
    return updateNomenclature(ctx, input);
  },
  async 'nomenclature.delete'(input, ctx) {
    await deleteNomenclature(ctx, input.id);
    return { ok: true as const };
  },
  async 'products.list'(input, ctx) {
    return listProducts(ctx.db, {
      orgId: me(ctx).orgId,
      search: input.search,
      includeInactive: input.includeInactive ?? false,
      include: input.include,
      limit: input.limit,
      offset: input.offset,
    });
  },
  async 'products.create'(input, ctx) {
    return createProduct(ctx, input);
  },
  async 'products.update'(input, ctx) {
    return updateProduct(ctx, input);
  },
  async 'products.delete'(input, ctx) {
    await deleteProduct(ctx, input.id);
    return { ok: true as const };
  },
};
