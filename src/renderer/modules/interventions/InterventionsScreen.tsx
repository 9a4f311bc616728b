import { errorText } from '../../app/errors';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, CloseButton, Group, Indicator, Kbd, Menu, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/api';
import type { GridFilters, GridRow, GridScope, GroupLevel, InterventionDetail } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { desktopFiles, openProducedFile, type ProducedFile } from '../../app/files';
import { useFormat } from '../../app/format';
import { useCan, useSession } from '../../app/session';
import { AllocateDialog, DistributeDialog } from './Assistants';
import { ColumnChooser } from './ColumnChooser';
import { ConfirmDialog, ReasonDialog } from './dialogs';
import { ExportDialog } from './ExportDialog';
import { FilterBar } from './FilterBar';
import { GroupingBar } from './GroupingBar';
import { GroupTree } from './GroupTree';
import { InterventionForm } from './InterventionForm';
import { InterventionsGrid, type InterventionsGridHandle } from './InterventionsGrid';
import { cleanFilters, validLevels, type GroupKey } from './model';
import { ApprovalsPanel, SettingsDialog, useInterventionSettings } from './SettingsDialog';
import { StandardReports } from './StandardReports';
import { ReportsMenu, ViewsMenu, parseConfig, shownColumnsOf, type SavedView, type ViewConfig } from './Views';
import './interventions.css';

function groupingKey(userId: string) {
  return `planora.interventions.${userId}.groupBy`;
}

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
  const canApprove = can('interventions', 'approve');
  const settings = useInterventionSettings();
  const treeMode = !!settings.data?.groupsOnLeft;

  const grid = useRef<InterventionsGridHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [filters, setFilters] = useState<GridFilters>({});
  const [levels, setLevelsState] = useState<GroupLevel[]>(() => {
    try {
      return validLevels(JSON.parse(localStorage.getItem(groupingKey(user.id)) ?? '[]'));
    } catch {
      return [];
    }
  });
  const setLevels = (l: GroupLevel[]) => {
    setLevelsState(l);
    setTreePath([]);
    localStorage.setItem(groupingKey(user.id), JSON.stringify(l));
  };
  const [treePath, setTreePath] = useState<GroupKey[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [selection, setSelection] = useState<GridRow[]>([]);
  const [editor, setEditor] = useState<{ id: string | null; seq: number; open: boolean }>({ id: null, seq: 0, open: false });
  const [toDelete, setToDelete] = useState<GridRow[] | null>(null);
  const [toCancel, setToCancel] = useState<GridRow[] | null>(null);
  const [allocating, setAllocating] = useState<GridRow[] | null>(null);
  const [distributing, setDistributing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [approvalsOpen, setApprovalsOpen] = useState(false);
  const [view, setView] = useState<SavedView | null>(null);
  /** `file`: a report just opened in the desktop app, offered for saving beside the message. */
  const [message, setMessage] = useState<{ text: string; color: string; file?: ProducedFile } | null>(null);
  const [reporting, setReporting] = useState(false);

  const clean = useMemo(() => cleanFilters(filters), [filters]);
  const treeScope = useMemo(() => (treeMode && levels.length ? { levels, path: treePath } : null), [treeMode, levels, treePath]);
  const scope: GridScope = useMemo(() => (levels.length ? { filters: clean, groupBy: levels, groupPath: treeScope ? treePath : [] } : { filters: clean }), [clean, levels, treeScope, treePath]);

  const approvals = useQuery({ queryKey: ['interventions.approvals', {}], queryFn: () => call('interventions.approvals', {}), enabled: canApprove, staleTime: 30_000 });
  const pendingApprovals = approvals.data?.length ?? 0;

  const busy = editor.open || !!toDelete || !!toCancel || !!allocating || distributing || exporting || settingsOpen;
  const say = (text: string, color = 'green', file?: ProducedFile) => setMessage({ text, color, file });

  const targets = (): GridRow[] => grid.current?.targetRows() ?? [];
  const add = () => {
    if (!canWrite || busy) return;
    setEditor((e) => ({ id: null, seq: e.seq + 1, open: true }));
  };
  const open = (row?: GridRow) => {
    if (busy && !row) return;
    const r = row ?? targets()[0];
    if (r) setEditor((e) => ({ id: r.id, seq: e.seq + 1, open: true }));
    else grid.current?.focus();
  };
  const openById = (id: string) => setEditor((e) => ({ id, seq: e.seq + 1, open: true }));
  const askDelete = (rows?: GridRow[]) => {
    if (!canDelete || busy) return;
    const r = rows ?? targets();
    if (r.length) setToDelete(r);
    else grid.current?.focus();
  };
  const askCancel = () => {
    const r = targets().filter((x) => x.status !== 'cancelled' && x.status !== 'finalized');
    if (r.length) setToCancel(r);
    else say(t('interventions.pickRowsFirst'), 'orange');
  };
  const refresh = () => grid.current?.refresh();
  /** Back to the grid after a form or dialog, unless the person has already gone somewhere else (the search box). */
  const focusGridIfIdle = () => {
    const a = document.activeElement;
    if (!a || a === document.body || a.closest('[data-testid=interventions-grid]')) grid.current?.focus();
  };

  const onSaved = (d: InterventionDetail, closed: boolean) => {
    if (closed) setEditor((e) => ({ ...e, open: false }));
    refresh();
    if (closed) {
      setTimeout(() => {
        const node = grid.current?.api()?.getRowNode(d.id);
        if (node?.rowIndex != null) {
          node.setSelected(true, true);
          grid.current?.api()?.ensureIndexVisible(node.rowIndex);
        }
        focusGridIfIdle();
      }, 400);
    }
  };

  const config = useCallback(
    (): string =>
      JSON.stringify({ v: 1, columns: grid.current?.columnState() ?? [], filters: clean, groupBy: levels, sort: grid.current?.sort() } satisfies ViewConfig),
    [clean, levels],
  );
  const applyConfig = (c: ViewConfig) => {
    setFilters(c.filters);
    setLevels(c.groupBy);
    if (c.columns.length) grid.current?.applyColumnState(c.columns);
  };
  const applyView = (v: SavedView) => {
    const c = parseConfig(v.config);
    if (!c) return say(t('interventions.views.broken'), 'red');
    setView(v);
    applyConfig(c);
  };

  const openFile = async (input: Input<'reports.interventionList'>) => {
    if (!input.columns.length) return say(t('interventions.noColumns'), 'orange');
    setReporting(true);
    try {
      const f = await call('reports.interventionList', input);
      await openProducedFile(f);
      if (desktopFiles()) say(t('files.opened', { name: f.fileName }), 'green', f);
    } catch (e) {
      say(errorText(t, e), 'red');
    } finally {
      setReporting(false);
    }
  };
  const quickReport = () => void openFile({ scope, columns: grid.current?.shownColumns() ?? [], ...grid.current?.sort() });
  const saveReport = async (f: ProducedFile) => {
    try {
      if (await openProducedFile(f, 'save')) say(t('common.saved'));
    } catch (e) {
      say(errorText(t, e), 'red');
    }
  };
  const printReport = (v: SavedView) => {
    const c = parseConfig(v.config);
    if (!c) return say(t('interventions.views.broken'), 'red');
    void openFile({ scope: c.groupBy.length ? { filters: c.filters, groupBy: c.groupBy, groupPath: [] } : { filters: c.filters }, columns: shownColumnsOf(c), ...c.sort });
  };

  // Ctrl+F goes to the quick search.
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f' && !busy) {
        e.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [busy]);

  useEffect(() => {
    if (!message) return;
    // A report's "Save as…" stays longer than a plain message: the person may be reading the report first.
    const timer = setTimeout(() => setMessage(null), message.file ? 30_000 : 6000);
    return () => clearTimeout(timer);
  }, [message]);


  return (
    <div className="planora-page pl-interventions" data-testid="interventions-screen">
      <Group gap={4} wrap="wrap" justify="space-between" className="pl-toolbar" data-testid="interventions-toolbar">
        <Group gap={4} wrap="wrap">
          {/* The module's name is in the navigation; the toolbar keeps every operation on one line. */}
          <Title order={1} className="pl-sr-only">
            {t('interventions.title')}
          </Title>
          {canWrite && <KeyButton label={t('common.add')} keys="Ins" onClick={add} testId="iv-add" showKey />}
          <KeyButton label={t('common.open')} keys="Enter" onClick={() => open()} testId="iv-open" />
          {canDelete && <KeyButton label={t('common.delete')} keys="Del" onClick={() => askDelete()} testId="iv-delete" />}
          <Tooltip label={<>{t('common.refresh')} <Kbd size="xs">F5</Kbd></>}>
            <Button variant="default" onClick={refresh} data-testid="iv-refresh" aria-label={t('common.refresh')}>
              ⟳
            </Button>
          </Tooltip>
          {canWrite && (
            <Menu position="bottom-start" zIndex={400} shadow="md">
              <Menu.Target>
                <Button variant="default" rightSection="▾" data-testid="iv-assistants">
                  {t('interventions.toolbar.assistants')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  onClick={() => {
                    const r = targets();
                    if (r.length) setAllocating(r);
                    else say(t('interventions.pickRowsFirst'), 'orange');
                  }}
                  data-testid="iv-allocate"
                >
                  {t('interventions.assist.allocateMenu', { count: selection.length })}
                </Menu.Item>
                <Menu.Item onClick={() => setDistributing(true)} data-testid="iv-distribute">
                  {t('interventions.assist.distributeMenu')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          <Button variant="default" onClick={() => setExporting(true)} data-testid="iv-export">
            {t('interventions.toolbar.export')}
          </Button>
          {canWrite && (
            <Button variant="default" onClick={askCancel} data-testid="iv-cancel">
              {t('interventions.actions.cancelDoc')}
            </Button>
          )}
          <Button variant="default" onClick={() => (location.hash = '#/interventions-calendar')} data-testid="iv-appointments">
            {t('interventions.toolbar.appointments')}
          </Button>
          <Button variant="default" onClick={quickReport} loading={reporting} data-testid="iv-quick-report">
            {t('interventions.toolbar.quickReport')}
          </Button>
          <ReportsMenu config={config} onOpen={applyView} onPrint={printReport}>
            <StandardReports view={() => ({ scope, columns: grid.current?.shownColumns() ?? [], sort: grid.current?.sort() ?? {} })} target={() => targets()[0]} say={say} />
          </ReportsMenu>
          <ViewsMenu current={view} config={config} onApply={applyView} onError={(m) => say(m, 'red')} />
        </Group>
        <Group gap={4} wrap="nowrap">
          {settings.data?.lockSession && (
            <Tooltip label={t('interventions.settings.lockSessionHint')}>
              <Badge color="orange" variant="light" data-testid="iv-locked">
                {t('interventions.locked')}
              </Badge>
            </Tooltip>
          )}
          {canApprove && (
            <Tooltip label={t('interventions.approvals.title')}>
              <Indicator label={pendingApprovals} size={14} disabled={!pendingApprovals} color="orange">
                <Button variant="default" onClick={() => setApprovalsOpen(true)} data-testid="iv-approvals" aria-label={t('interventions.approvals.button')}>
                  ☑
                </Button>
              </Indicator>
            </Tooltip>
          )}
          {canApprove && (
            <Tooltip label={t('interventions.settings.title')}>
              <Button variant="default" onClick={() => setSettingsOpen(true)} data-testid="iv-settings" aria-label={t('interventions.settings.title')}>
                ⚙
              </Button>
            </Tooltip>
          )}
          <Tooltip label={t('common.close')}>
            <Button variant="subtle" color="gray" onClick={() => (location.hash = '#/')} data-testid="iv-close" aria-label={t('common.close')}>
              ✕
            </Button>
          </Tooltip>
        </Group>
      </Group>

      <FilterBar ref={searchBox} filters={filters} onChange={setFilters} onFocusGrid={(after) => grid.current?.focus(after)} />
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <GroupingBar
          levels={levels}
          onChange={setLevels}
          tree={treeMode}
          onCollapseAll={() => grid.current?.collapseAll()}
          onExpandAll={() => grid.current?.expandAll()}
        />
        <Group gap={6} wrap="nowrap">
          {message && (
            <Alert color={message.color} p={2} px={8} data-testid="iv-message" style={{ flexShrink: 1 }}>
              <Group gap={4} wrap="nowrap">
                <Text size="xs">{message.text}</Text>
                {message.file && (
                  <Button size="compact-xs" variant="subtle" onClick={() => void saveReport(message.file!)} data-testid="iv-message-save">
                    {t('files.saveAs')}
                  </Button>
                )}
                <CloseButton size="xs" onClick={() => setMessage(null)} />
              </Group>
            </Alert>
          )}
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
            onSelection={setSelection}
            suspendKeys={busy}
          />
        </div>
      </div>

      <InterventionForm
        key={editor.seq}
        opened={editor.open}
        id={editor.id}
        onClose={() => {
          setEditor((e) => ({ ...e, open: false }));
          setTimeout(focusGridIfIdle, 50);
        }}
        onSaved={onSaved}
      />
      <ConfirmDialog
        opened={!!toDelete}
        title={t('interventions.deleteTitle')}
        message={toDelete?.length === 1 ? t('interventions.deleteOne', { client: toDelete[0]!.client, date: fmt.date(`${toDelete[0]!.docDate}T12:00:00Z`) }) : t('interventions.deleteMany', { count: toDelete?.length ?? 0 })}
        confirmLabel={t('common.delete')}
        testId="iv-delete-confirm"
        onConfirm={async () => {
          for (const r of toDelete ?? []) await call('interventions.delete', { id: r.id });
          refresh();
        }}
        onClose={() => {
          setToDelete(null);
          setTimeout(focusGridIfIdle, 50);
        }}
      />
      <ReasonDialog
        opened={!!toCancel}
        title={t('interventions.actions.cancelTitle')}
        message={toCancel && toCancel.length > 1 ? t('interventions.cancelMany', { count: toCancel.length }) : toCancel?.[0]?.client}
        testId="iv-cancel-dialog"
        onConfirm={async (reason) => {
          let pending = 0;
          for (const r of toCancel ?? []) {
            const res = await call('interventions.cancel', { id: r.id, version: r.version, reason });
            if (res.pendingApproval) pending++;
          }
          if (pending) say(t('interventions.form.sentForApproval'), 'orange');
          refresh();
        }}
        onClose={() => setToCancel(null)}
      />
      <AllocateDialog
        opened={!!allocating}
        rows={allocating ?? []}
        onClose={() => setAllocating(null)}
        onDone={(n) => {
          say(t('interventions.assist.allocated', { count: n }));
          refresh();
        }}
      />
      <DistributeDialog opened={distributing} onClose={() => setDistributing(false)} onDone={() => refresh()} />
      <ExportDialog
        opened={exporting}
        scope={scope}
        columns={exporting ? (grid.current?.shownColumns() ?? []) : []}
        sort={exporting ? (grid.current?.sort() ?? {}) : {}}
        total={total}
        onClose={() => setExporting(false)}
      />
      {canApprove && <SettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} />}
      {canApprove && (
        <ApprovalsPanel
          opened={approvalsOpen}
          onClose={() => setApprovalsOpen(false)}
          onOpenIntervention={(id) => {
            setApprovalsOpen(false);
            openById(id);
          }}
        />
      )}
    </div>
  );
}

/** A toolbar button that names its shortcut. */
function KeyButton({ label, keys, onClick, testId, showKey }: { label: string; keys: string; onClick(): void; testId: string; showKey?: boolean }) {
  return (
    <Tooltip label={<Kbd size="xs">{keys}</Kbd>} openDelay={300}>
      <Button variant="default" onClick={onClick} rightSection={showKey ? <Kbd size="xs">{keys}</Kbd> : undefined} data-testid={testId} style={{ flexShrink: 0 }}>
        {label}
      </Button>
    </Tooltip>
  );
}
