import type { HandlersFor } from '../../api/context';
import { activeLinks, createLink, hubRegistered, revokeLink } from './links';

type Names = 'portal.links' | 'portal.create' | 'portal.revoke';

export const portalHandlers: HandlersFor<Names> = {
  async 'portal.links'({ clientId }, ctx) {
    const links = await activeLinks(ctx, clientId);
    return { hub: (await hubRegistered(ctx)) ? 'registered' : 'none', links };
  },
  async 'portal.create'(input, ctx) {
    return createLink(ctx, input);
  },
  async 'portal.revoke'({ id }, ctx) {
    return revokeLink(ctx, id);
  },
};
