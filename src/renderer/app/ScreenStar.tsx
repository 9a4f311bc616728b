import { ActionIcon, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StarrableScreen } from '../../shared/api/favorites';
import { useApiMutation } from './apiQuery';
import { useFavoritesChanged, useFavorites } from './favorites';

/** The star of the screen that is open: adds it to the person's own favorites (the seed's "Favorite"), or takes it off. */
export function ScreenStar({ screen, label }: { screen: StarrableScreen; label: string }) {
  const { t } = useTranslation();
  const favorites = useFavorites();
  const changed = useFavoritesChanged();
  const setStar = useApiMutation('favorites.setScreen', { onSuccess: () => changed() });
  const on = (favorites.data ?? []).some((f) => f.kind === 'screen' && f.screen === screen);
  const text = t(on ? 'home.unstarScreen' : 'home.starScreen', { screen: label });
  return (
    <Tooltip label={text}>
      <ActionIcon
        variant="subtle"
        color={on ? 'yellow.8' : 'gray.7'}
        aria-label={text}
        aria-pressed={on}
        loading={setStar.isPending}
        onClick={() => setStar.mutate({ screen, on: !on })}
        data-testid="screen-star"
      >
        {on ? '★' : '☆'}
      </ActionIcon>
    </Tooltip>
  );
}
