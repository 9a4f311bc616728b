import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { LIST_KINDS, kindLabelKey, type ListKind } from './kinds';
import classes from './nomenclature.module.css';

/** The lists on the left: ↑/↓/Home/End pick one, → or Enter goes on to its rows (`onEnterRows`). */
export function KindList(p: { ref: Ref<HTMLDivElement>; kind: ListKind; onPick(kind: ListKind): void; onEnterRows(): void }) {
  const { t } = useTranslation();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = LIST_KINDS.indexOf(p.kind);
    const go = (n: number) => p.onPick(LIST_KINDS[Math.max(0, Math.min(LIST_KINDS.length - 1, n))]!);
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(LIST_KINDS.length - 1);
    else if (e.key === 'ArrowRight' || e.key === 'Enter') p.onEnterRows();
    else return;
    e.preventDefault();
  };
  return (
    <div
      ref={p.ref}
      className={classes.kinds}
      tabIndex={0}
      role="listbox"
      aria-label={t('nomenclature.lists')}
      aria-activedescendant={`nomenclature-kind-${p.kind}`}
      onKeyDown={onKeyDown}
      data-testid="nomenclature-kinds"
    >
      {LIST_KINDS.map((k) => (
        <div key={k}>
          {k === 'product' && <div className={classes.separator} />}
          <div
            id={`nomenclature-kind-${k}`}
            role="option"
            aria-selected={k === p.kind}
            data-selected={k === p.kind || undefined}
            className={classes.kind}
            onClick={() => p.onPick(k)}
            data-testid={`nomenclature-kind-${k}`}
          >
            {t(kindLabelKey(k))}
          </div>
        </div>
      ))}
    </div>
  );
}
