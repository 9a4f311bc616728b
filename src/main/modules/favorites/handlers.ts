import type { HandlersFor } from '../../api/context';
import { listFavorites, setScreenStar } from './service';

export const favoritesHandlers: HandlersFor<'favorites.list' | 'favorites.setScreen'> = {
  async 'favorites.list'(_input, ctx) {
    return listFavorites(ctx);
  },
  async 'favorites.setScreen'(input, ctx) {
    return setScreenStar(ctx, input.screen, input.on);
  },
};
