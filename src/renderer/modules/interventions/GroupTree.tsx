import { useRef, useState, type KeyboardEvent } from 'react';
import { Loader, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GridFilters, GroupLevel } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { useFormat } from '../../app/format';
import { pathKey } from './groupModel';
import { groupFieldLabel, groupLabel, type GroupKey } from './model';

interface TreeProps {
  filters: GridFilters;
  levels: GroupLevel[];
  selected: GroupKey[];
  onSelect(path: GroupKey[]): void;
}

function useGroups(filters: GridFilters, levels: GroupLevel[], path: GroupKey[], enabled: boolean) {
  return useQuery({
    queryKey: ['interventions.groups', { filters, levels, path }],
    queryFn: () => call('interventions.groups', { scope: { filters, groupBy: levels, groupPath: path } }),
    enabled: enabled && levels.length > path.length,
    staleTime: 10_000,
  });
}

/** ↑/↓ walk the visible nodes, → opens (or steps in), ← closes (or steps out), Enter shows that group in the grid. */
function onTreeKey(e: KeyboardEvent<HTMLElement>, toggle: (open?: boolean) => void, open: boolean, hasChildren: boolean) {
  const nodes = [...(e.currentTarget.closest('[data-tree-root]')?.querySelectorAll<HTMLElement>('[data-tree-node]') ?? [])];
  const i = nodes.indexOf(e.currentTarget);
  if (e.key === 'ArrowDown') nodes[i + 1]?.focus();
  else if (e.key === 'ArrowUp') nodes[i - 1]?.focus();
  else if (e.key === 'ArrowRight') {
    if (hasChildren && !open) toggle(true);
    else if (hasChildren) nodes[i + 1]?.focus();
  } else if (e.key === 'ArrowLeft') {
    if (open) toggle(false);
    else {
      const depth = Number(e.currentTarget.dataset.depth ?? 0);
      for (let j = i - 1; j >= 0; j--) if (Number(nodes[j]!.dataset.depth) < depth) return nodes[j]!.focus();
    }
  } else return;
  e.preventDefault();
}

function TreeNode(p: TreeProps & { path: GroupKey[]; info: { key: GroupKey; label: string | null; count: number } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const depth = p.path.length - 1;
  const level = p.levels[depth]!;
  const hasChildren = depth + 1 < p.levels.length;
  const [open, setOpen] = useState(false);
  const children = useGroups(p.filters, p.levels, p.path, open && hasChildren);
  const isSelected = pathKey(p.selected) === pathKey(p.path);
  const toggle = (v?: boolean) => setOpen((o) => v ?? !o);
  return (
    <li role="none">
      <UnstyledButton
        className="pl-tree-node"
        data-tree-node
        data-depth={depth + 1}
        data-selected={isSelected || undefined}
        data-testid="tree-node"
        data-group-key={p.info.key ?? ''}
        role="treeitem"
        aria-expanded={hasChildren ? open : undefined}
        aria-selected={isSelected}
        style={{ paddingLeft: 6 + (depth + 1) * 14 }}
        onClick={() => p.onSelect(p.path)}
        onDoubleClick={() => hasChildren && toggle()}
        onKeyDown={(e) => onTreeKey(e, toggle, open, hasChildren)}
        title={`${groupFieldLabel(t, level.field)}: ${groupLabel(t, fmt, level, p.info.key, p.info.label)}`}
      >
        <span
          className="pl-tree-chevron"
          onClick={(e) => {
            e.stopPropagation();
            if (hasChildren) toggle();
          }}
          aria-hidden
        >
          {hasChildren ? (open ? '▾' : '▸') : '·'}
        </span>
        <span className="pl-tree-label">{groupLabel(t, fmt, level, p.info.key, p.info.label)}</span>
        <span className="pl-tree-count">{fmt.number(p.info.count)}</span>
      </UnstyledButton>
      {open && hasChildren && (
        <ul role="group" className="pl-tree-list">
          {children.isLoading && <Loader size={12} ml={30} />}
          {(children.data ?? []).map((g) => (
            <TreeNode key={String(g.key)} {...p} path={[...p.path, g.key]} info={g} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The seed's "groupings on the left": the grouping as a tree with counts; a node shows its group's rows in the grid. */
export function GroupTree(p: TreeProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const top = useGroups(p.filters, p.levels, [], true);
  const total = (top.data ?? []).reduce((s, g) => s + g.count, 0);
  const rootRef = useRef<HTMLUListElement>(null);
  const isRoot = p.selected.length === 0;
  return (
    <div className="pl-tree" data-testid="group-tree">
      <ScrollArea h="100%" type="auto">
        {p.levels.length === 0 ? (
          <Text size="xs" c="dimmed" p="xs">
            {t('interventions.grouping.treeEmpty')}
          </Text>
        ) : (
          <ul ref={rootRef} role="tree" className="pl-tree-list" data-tree-root aria-label={t('interventions.grouping.title')}>
            <li role="none">
              <UnstyledButton
                className="pl-tree-node"
                data-tree-node
                data-depth={0}
                data-selected={isRoot || undefined}
                role="treeitem"
                aria-selected={isRoot}
                onClick={() => p.onSelect([])}
                onKeyDown={(e) => onTreeKey(e, () => undefined, true, true)}
                data-testid="tree-root"
              >
                <span className="pl-tree-chevron" aria-hidden>
                  ▾
                </span>
                <span className="pl-tree-label" style={{ fontWeight: 600 }}>
                  {t('interventions.grouping.all')}
                </span>
                <span className="pl-tree-count">{fmt.number(total)}</span>
              </UnstyledButton>
            </li>
            {top.isLoading && <Loader size={12} ml={20} />}
            {(top.data ?? []).map((g) => (
              <TreeNode key={String(g.key)} {...p} path={[g.key]} info={g} />
            ))}
          </ul>
        )}
      </ScrollArea>
    </div>
  );
}
