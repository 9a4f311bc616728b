import { useEffect, useLayoutEffect, useRef } from 'react';
import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';

/**
 * ag-grid drawn by ag-grid itself: the same options as `AgGridReact`, but rows and cells are ag-grid's own DOM instead
 * of a React component each. A grid whose rows change on every scroll (the interventions' million rows) then draws a
 * screen of rows in one pass, where React reconciled every cell of every row first (most of a jump's wait). Cell
 * renderers must be plain ones (a class with `getGui`).
 *
 * Options are handed over as AgGridReact does: all at creation, then on each render those whose reference changed.
 */
export function PlainAgGrid<T>(props: GridOptions<T>) {
  const box = useRef<HTMLDivElement>(null);
  const api = useRef<GridApi<T>>(undefined);
  const given = useRef<GridOptions<T>>(props);

  useLayoutEffect(() => {
    const a = createGrid<T>(box.current!, { ...given.current });
    api.current = a;
    return () => {
      api.current = undefined;
      a.destroy();
    };
  }, []);

  useEffect(() => {
    const a = api.current;
    const before = given.current;
    given.current = props;
    if (!a || a.isDestroyed() || before === props) return;
    const changed: Record<string, unknown> = {};
    for (const k of Object.keys(props) as (keyof GridOptions<T>)[]) if (props[k] !== before[k]) changed[k] = props[k];
    if (Object.keys(changed).length) a.updateGridOptions(changed as GridOptions<T>);
  });

  return <div ref={box} style={{ height: '100%', width: '100%' }} />;
}
