import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GridFilters, GridRow, GridScope, InterventionDetail } from '../../../shared/api/interventions';
import { useFormat } from '../../app/format';
import { useCan, useSession } from '../../app/session';
import { useFindShortcut } from '../../components/screen';
import { useAddressedEditor } from './addressed';
import { ColumnChooser } from './ColumnChooser';
import { FilterBar } from './FilterBar';
import { GroupingBar } from './GroupingBar';
import { GroupTree } from './GroupTree';
import { GridLegend } from './GridLegend';
import { GridTotals, refreshTotals } from './GridTotals';
import { focusGridRow } from './gridKeys';
import { InterventionsGrid, type GridFocus, type InterventionsGridHandle } from './InterventionsGrid';
import { cleanFilters } from './model';
import { ScreenDialogs } from './ScreenDialogs';
import { ScreenMessage, useScreenMessage } from './ScreenMessage';
import { useInterventionSettings } from './SettingsDialog';
import { Toolbar } from './Toolbar';
import { useGrouping } from './useGrouping';
import { useScreenDialogs } from './useScreenDialogs';
import { useAddressedView } from './useAddressedView';
import { dropStaleDetail, useDetailAhead } from './useDetailAhead';
import { DeferReads } from './deferReads';
import { parseConfig, type SavedView, type ViewConfig } from './Views';
import { useHelpTopic } from '../../app/help';
import { GRID_HELP } from './help';
import './interventions.css';

/**
 * Interventions (the seed's call centre): the dispatcher's grid. Toolbar as the seed lists it, the nine filters plus
 * status, priority and quick search, grouping up to three levels (in the grid, or as a tree on the left), and the document form.
 * Keys: Insert adds, Enter opens, Delete deletes, F5 refreshes, Ctrl+F searches; on a group row →/← or +/- open and close it.
 */
export function InterventionsScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const { user } = useSession();
  const canWrite = can('interventions', 'write');
  const canDelete = can('interventions', 'delete');
  useHelpTopic(GRID_HELP);
  const settings = useInterventionSettings();
  const treeMode = !!settings.data?.groupsOnLeft;

  const grid = useRef<InterventionsGridHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [filters, setFilters] = useState<GridFilters>({});
  const { levels, setLevels, treePath, setTreePath } = useGrouping(user.id);
  const [total, setTotal] = useState<number | null>(null);
  const [selection, setSelection] = useState<GridRow[]>([]);
  const [view, setView] = useState<SavedView | null>(null);
  const [focus, setFocus] = useState<GridFocus>({ row: null, group: null });
  const queryClient = useQueryClient();
  const dialogs = useScreenDialogs();
  const { busy } = dialogs;
  useAddressedEditor(dialogs, canWrite);
  const { message, say, clear: clearMessage } = useScreenMessage();

  const clean = useMemo(() => cleanFilters(filters), [filters]);
  const treeScope = useMemo(() => (treeMode && levels.length ? { levels, path: treePath } : null), [treeMode, levels, treePath]);
  const scope: GridScope = useMemo(() => (levels.length ? { filters: clean, groupBy: levels, groupPath: treeScope ? treePath : [] } : { filters: clean }), [clean, levels, treeScope, treePath]);
  // The footer's totals and the approvals wait for the grid's rows of a new scope: the browser's few connections and
  // main's time go to the rows first, and the old totals stay until then.
  const scopeRef = useRef(scope);
  useLayoutEffect(() => {
    scopeRef.current = scope;
  });
  const [shownScope, setShownScope] = useState<GridScope | null>(null);
  const onRowsShown = useCallback(() => setShownScope(scopeRef.current), []);

  const targets = (): GridRow[] => grid.current?.targetRows() ?? [];
  // What acts on rows waits for one: selected, or the one the keyboard is on.
  const hasTarget = selection.length > 0 || !!focus.row;
  // The footer's second line: the focused row's group, while the grid shows these levels in header rows.
  const g = focus.group;
  const shownGroup = g && !treeScope && levels[g.depth]?.field === g.level.field && g.path.length <= levels.length ? g : null;
  /** The row a form was opened from, or saved: where the keyboard goes back to when it closes. */
  const returnTo = useRef<string | null>(null);
  const add = () => {
    if (!canWrite || busy) return;
    returnTo.current = focus.row?.id ?? null;
    dialogs.openEditor(null);
  };
  const open = (row?: GridRow) => {
    if (busy && !row) return;
    const r = row ?? targets()[0];
    if (!r) return grid.current?.focus();
    returnTo.current = r.id;
    dropStaleDetail(queryClient, r.id);
    dialogs.openEditor(r.id);
  };
  const askDelete = (rows?: GridRow[]) => {
    if (!canDelete || busy) return;
    const r = rows ?? targets();
    if (r.length) dialogs.setToDelete(r);
    else grid.current?.focus();
  };
  /** `pick` the rows an assistant works on; without any, the person is told to pick some first. */
  const withTargets = (pick: (rows: GridRow[]) => GridRow[], then: (rows: GridRow[]) => void) => {
    const r = pick(targets());
    if (r.length) then(r);
    else say(t('interventions.pickRowsFirst'), 'orange');
  };
  const refresh = () => {
    grid.current?.refresh();
    refreshTotals(queryClient);
  };
  /** Back to the grid after a form or dialog, unless the person has already gone somewhere else (the search box). */
  const focusGridIfIdle = () => {
    const a = document.activeElement;
    if (!a || a === document.body || a.closest('[data-testid=interventions-grid]')) grid.current?.focus();
  };

  const onSaved = (d: InterventionDetail, closed: boolean) => {
    returnTo.current = d.id;
    if (closed) dialogs.closeEditor();
    refresh();
    if (!closed) return;
    setTimeout(() => grid.current?.api()?.getRowNode(d.id)?.setSelected(true, true), 400);
  };
  /**
   * Back on the row the form came from, with arrows and Enter working (unless the person has gone elsewhere meanwhile).
   * After a save the grid is reading again: the row is waited for a moment; one gone (filtered out) leaves the grid's focus.
   */
  const backToRow = (tries = 20) => {
    const a = document.activeElement;
    const idle = !a || a === document.body || !a.isConnected || !!a.closest('[data-testid=interventions-grid], [data-testid=intervention-form]');
    if (!idle) return;
    const api = grid.current?.api();
    const node = returnTo.current ? api?.getRowNode(returnTo.current) : undefined;
    if (node?.rowIndex != null) focusGridRow(api, node.rowIndex);
    else if (returnTo.current && tries > 0) setTimeout(() => backToRow(tries - 1), 100);
    else grid.current?.focus();
  };

  const config = useCallback(
    (): string => JSON.stringify({ v: 1, columns: grid.current?.columnState() ?? [], filters: clean, groupBy: levels, sort: grid.current?.sort() } satisfies ViewConfig),
    [clean, levels],
  );
  const applyView = (v: SavedView) => {
    const c = parseConfig(v.config);
    if (!c) return say(t('interventions.views.broken'), 'red');
    setView(v);
    setFilters(c.filters);
    setLevels(c.groupBy);
    if (c.columns.length) grid.current?.applyColumnState(c.columns);
  };

  useFindShortcut(searchBox, !busy);
  useDetailAhead(busy ? null : focus.row?.id, focus.byKey);
  useAddressedView(applyView);

  return (
    <div className="planora-page pl-interventions" data-testid="interventions-screen">
      <Toolbar
        selected={selection.length}
        deferred={!shownScope}
        hasTarget={hasTarget}
        locked={!!settings.data?.lockSession}
        reports={{ scope, grid: () => grid.current, config, onOpen: applyView, target: () => targets()[0], say }}
        view={view}
        onApplyView={applyView}
        onAdd={add}
        onOpen={() => open()}
        onDelete={() => askDelete()}
        onRefresh={refresh}
        onAllocate={() => withTargets((r) => r, dialogs.setAllocating)}
        onDistribute={() => dialogs.setDistributing(true)}
        onExport={() => dialogs.setExporting({ columns: grid.current?.shownColumns() ?? [], sort: grid.current?.sort() ?? {} })}
        onCancelDocs={() => withTargets((r) => r.filter((x) => x.status !== 'cancelled' && x.status !== 'finalized'), dialogs.setToCancel)}
        onApprovals={() => dialogs.setApprovalsOpen(true)}
        onSettings={() => dialogs.setSettingsOpen(true)}
        onOpenIntervention={(id) => dialogs.openEditor(id)}
      />

      <DeferReads.Provider value={!shownScope}>
        <FilterBar ref={searchBox} filters={filters} onChange={setFilters} onFocusGrid={(after) => grid.current?.focus(after)} />
      </DeferReads.Provider>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <GroupingBar levels={levels} onChange={setLevels} tree={treeMode} onCollapseAll={() => grid.current?.collapseAll()} onExpandAll={() => grid.current?.expandAll()} />
        <Group gap={6} wrap="nowrap">
          <ScreenMessage message={message} say={say} onClose={clearMessage} />
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="iv-total">
            {total === null ? '' : t('interventions.total', { count: total, total: fmt.number(total) })}
            {selection.length > 1 ? ` · ${t('interventions.selected', { count: selection.length })}` : ''}
          </Text>
          <ColumnChooser grid={() => grid.current} />
        </Group>
      </Group>

      <div className="planora-grow pl-body">
        {treeMode && <GroupTree filters={clean} levels={levels} selected={treePath} onSelect={setTreePath} />}
        <div className="pl-grid-wrap">
          <InterventionsGrid
            ref={grid}
            filters={clean}
            levels={levels}
            treeScope={treeScope}
            autoResize={!!settings.data?.autoResizeColumns}
            onOpen={(r) => open(r)}
            onInsert={canWrite ? add : undefined}
            onDelete={canDelete ? (rows) => askDelete(rows) : undefined}
            onTotal={setTotal}
            onRowsShown={onRowsShown}
            onSelection={setSelection}
            onFocusChange={setFocus}
            suspendKeys={busy}
          />
        </div>
      </div>
      <div className="pl-footer">
        <GridTotals scope={shownScope ?? scope} enabled={!!shownScope} group={shownGroup} />
        <GridLegend />
      </div>

      <ScreenDialogs dialogs={dialogs} canApprove={can('interventions', 'approve')} scope={scope} total={total} say={say} refresh={refresh} focusGrid={focusGridIfIdle} onSaved={onSaved} onEditorClosed={() => backToRow()} />
    </div>
  );
}
