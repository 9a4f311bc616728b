import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { fittingCount } from './overflow';

export interface OverflowItem {
  id: string;
  /** The control as the row shows it. */
  row: ReactNode;
  /** The same action as entries of the overflow menu (`Menu.Item`, or a `Menu.Sub` for a menu). */
  more: ReactNode;
}

// A folded item stays mounted (its menus and dialogs keep their state) and measured, but takes no room and no focus.
const FOLDED: CSSProperties = { position: 'absolute', insetInlineStart: 0, top: 0, visibility: 'hidden', pointerEvents: 'none' };
const ITEM: CSSProperties = { display: 'inline-flex', flexShrink: 0, whiteSpace: 'nowrap', width: 'max-content' };

/**
 * A row of controls that never wraps: what does not fit, from the end, is left to `end(folded)` to offer in a menu.
 * Each item and the row are watched (ResizeObserver), so a narrower window, another language or a label that
 * changes re-measures at once.
 */
export function OverflowRow(p: { items: OverflowItem[]; gap: number; end(folded: OverflowItem[]): ReactNode; testId?: string; className?: string }) {
  const rowRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef(new Map<string, HTMLElement>());
  const [shown, setShown] = useState(p.items.length);
  const ids = p.items.map((i) => i.id).join(' ');

  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const measure = () => {
      const widths = ids ? ids.split(' ').map((id) => itemRefs.current.get(id)?.getBoundingClientRect().width ?? 0) : [];
      setShown(fittingCount(widths, row.clientWidth, p.gap));
    };
    measure();
    const watch = new ResizeObserver(measure);
    watch.observe(row);
    for (const el of itemRefs.current.values()) watch.observe(el);
    return () => watch.disconnect();
  }, [ids, p.gap]);

  const folded = p.items.slice(shown);
  return (
    <div className={p.className} data-testid={p.testId} style={{ display: 'flex', flexWrap: 'nowrap', alignItems: 'center', gap: 4, minWidth: 0 }}>
      <div ref={rowRef} data-testid={p.testId && `${p.testId}-row`} style={{ display: 'flex', flexWrap: 'nowrap', alignItems: 'center', gap: p.gap, flex: 1, minWidth: 0, position: 'relative' }}>
        {p.items.map((item, i) => (
          <div
            key={item.id}
            ref={(el) => {
              if (el) itemRefs.current.set(item.id, el);
              else itemRefs.current.delete(item.id);
            }}
            style={i < shown ? ITEM : { ...ITEM, ...FOLDED }}
            aria-hidden={i < shown ? undefined : true}
            inert={i >= shown}
            data-folded={i >= shown || undefined}
          >
            {item.row}
          </div>
        ))}
      </div>
      {/* A count badge sits over its button's outer corner: the room at the end keeps it inside the window. */}
      <div style={{ display: 'flex', flexWrap: 'nowrap', alignItems: 'center', gap: p.gap, flexShrink: 0, paddingInlineEnd: 8 }}>{p.end(folded)}</div>
    </div>
  );
}
