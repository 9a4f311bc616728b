import { useEffect, useEffectEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useViews, type SavedView } from './Views';

/**
 * A saved view another screen asks the grid for through the address (My page, a favorite): `?view=` applies it once,
 * then it is taken off the address, so the same link works again. Documents are opened by `?open=` (`addressed.ts`).
 */
export function useAddressedView(onView: (v: SavedView) => void): void {
  const [params, setParams] = useSearchParams();
  const views = useViews();
  const viewId = params.get('view');
  const view = viewId ? views.data?.find((v) => v.id === viewId) : undefined;
  const viewsKnown = !!views.data;

  const handle = useEffectEvent(() => {
    if (view) onView(view);
    setParams(
      (p) => {
        p.delete('view');
        return p;
      },
      { replace: true },
    );
  });
  useEffect(() => {
    if (viewId && viewsKnown) handle();
  }, [viewId, viewsKnown]);
}
