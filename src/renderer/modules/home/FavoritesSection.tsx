import { ActionIcon, Anchor, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Favorite } from '../../../shared/api/favorites';
import { useApiMutation } from '../../app/apiQuery';
import { favoritePath, useFavoriteLabel, useFavorites, useFavoritesChanged } from '../../app/favorites';
import { HomeSection } from './HomeSection';

/** The person's own favorites: each opens in one click or Enter; the star beside it takes it off the list. */
export function FavoritesSection() {
  const { t } = useTranslation();
  const favorites = useFavorites();
  const label = useFavoriteLabel();
  const changed = useFavoritesChanged();
  const unstarScreen = useApiMutation('favorites.setScreen', { onSuccess: () => changed() });
  const unstarView = useApiMutation('views.setFavorite', { onSuccess: () => changed() });
  const list = favorites.data ?? [];
  const remove = (f: Favorite) => (f.kind === 'view' && f.viewId ? unstarView.mutate({ id: f.viewId, favorite: false }) : f.screen !== 'home' && unstarScreen.mutate({ screen: f.screen, on: false }));
  return (
    <HomeSection
      title={t('home.favorites')}
      testId="home-favorites"
      count={list.length}
      loading={favorites.isPending}
      error={favorites.error ?? unstarScreen.error ?? unstarView.error}
      isEmpty={list.length === 0}
      empty={t('home.noFavorites')}
    >
      <Stack gap={2}>
        {list.map((f) => (
          <Group key={f.id} justify="space-between" wrap="nowrap" gap={4} data-testid="home-favorite">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <Anchor component={Link} to={favoritePath(f)} size="sm" truncate>
                {label(f)}
              </Anchor>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {f.kind === 'view' ? t(f.shared ? 'home.sharedView' : 'home.ownView') : t('home.screen')}
              </Text>
            </Group>
            <Tooltip label={t('home.unstar', { name: label(f) })}>
              <ActionIcon variant="subtle" color="yellow.8" size="sm" aria-label={t('home.unstar', { name: label(f) })} onClick={() => remove(f)}>
                ★
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
      </Stack>
    </HomeSection>
  );
}
