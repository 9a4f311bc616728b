import { NavLink, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { favoritePath, useFavoriteLabel, useFavorites } from './favorites';

/** The person's favorites at the top of the navigation: each opens its screen, or its grid with the view applied. */
export function NavFavorites() {
  const { t } = useTranslation();
  const favorites = useFavorites();
  const label = useFavoriteLabel();
  const list = favorites.data ?? [];
  return (
    <nav aria-label={t('home.favorites')} data-testid="nav-favorites">
      <Text size="xs" c="dimmed" fw={600} px={8} pt={6} pb={2}>
        {t('home.favorites')}
      </Text>
      {list.length === 0 && (
        <Text size="xs" c="dimmed" px={8} pb={4}>
          {t('home.noFavoritesShort')}
        </Text>
      )}
      {list.map((f) => (
        <NavLink key={f.id} component={Link} to={favoritePath(f)} label={label(f)} leftSection={<span aria-hidden>★</span>} py={3} data-testid="nav-favorite" />
      ))}
    </nav>
  );
}
