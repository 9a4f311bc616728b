import { useEffect, useEffectEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useViews, type SavedView } from './Views';

/**
 * What another screen asks of the grid through the address (My page, a favorite): `?view=` applies a saved view,
 * `?open=` opens a document's form. Each is done once, then taken off the address, so the same link works again.
 */
export function useAddressRequest(onView: (v: SavedView) => void, onOpen: (id: string) => void): void {
  const [params, setParams] = useSearchParams();
  const views = useViews();
  const viewId = params.get('view');
  const openId = params.get('open');
  const view = viewId ? views.data?.find((v) => v.id === viewId) : undefined;
  const viewsKnown = !!views.data;

  const handle = useEffectEvent(() => {
    if (view) onView(view);
    if (openId) onOpen(openId);
    setParams(
      (p) => {
        p.delete('open');
        if (viewsKnown) p.delete('view');
        return p;
      },
      { replace: true },
    );
  });
  useEffect(() => {
    if (openId || (viewId && viewsKnown)) handle();
  }, [openId, viewId, viewsKnown]);
}
