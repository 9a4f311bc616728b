import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Favorite } from '../../shared/api/favorites';
import { useApiQuery } from './apiQuery';
import { ROUTES } from './routes';

/** The person's own favorites, shared by the navigation, My page and the stars that change them. */
export function useFavorites() {
  return useApiQuery('favorites.list', {}, { staleTime: 60_000 });
}

/** After a star changed (here or in a screen's own menu): every list of favorites reads again. */
export function useFavoritesChanged(): () => Promise<void> {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['favorites.list'] });
}

/** Where a favorite opens: its screen, or its module's grid with the view applied. */
export function favoritePath(f: Favorite): string {
  return f.kind === 'view' && f.viewId ? `/${f.screen}?view=${f.viewId}` : `/${f.screen}`;
}

/** A view by its name, a screen by its navigation label in the person's language. */
export function useFavoriteLabel(): (f: Favorite) => string {
  const { t } = useTranslation();
  return (f) => f.name ?? t(ROUTES.find((r) => r.path === f.screen)?.label ?? f.screen);
}
