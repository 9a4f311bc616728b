import { defineModule } from '../../api/module';
import { favoritesHandlers } from './handlers';

/** Each person's favorites: screens and saved views starred for their own page and navigation. */
export const favoritesModule = defineModule({ name: 'favorites', handlers: favoritesHandlers });

// What the module owning saved views stars and reads through.
export { setViewStar, starredViewIds } from './service';
// What the demo stars through, as its staff would.
export { setScreenStar } from './service';
