import { Fragment, type ReactNode } from 'react';
import { Badge, Button, Indicator, Kbd, Menu, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { useCan } from '../../app/session';
import { OverflowRow, type OverflowItem } from '../../components/OverflowRow';
import { KeyButton } from '../../components/screen';
import { useReportsMenu, type ReportsMenuProps } from './ReportsMenu';
import { FavoriteToggle, useViewsMenu, type SavedView } from './Views';
import { WarningsButton } from './WarningsPanel';

export interface ToolbarProps {
  /** The screen's rows are not on screen yet: what can wait (the approvals and warnings counts) is not read yet. */
  deferred?: boolean;
  /** How many rows are selected (the allocate assistant's label counts them). */
  selected: number;
  /** A row is selected or focused: what acts on rows is enabled. */
  hasTarget: boolean;
  /** The module is locked for this session (a setting): shown, not enforced here. */
  locked: boolean;
  reports: ReportsMenuProps;
  view: SavedView | null;
  onApplyView(v: SavedView): void;
  onAdd(): void;
  onOpen(): void;
  onDelete(): void;
  onRefresh(): void;
  onAllocate(): void;
  onDistribute(): void;
  onExport(): void;
  onCancelDocs(): void;
  onApprovals(): void;
  onSettings(): void;
  /** Opens a document from the warnings panel. */
  onOpenIntervention(id: string): void;
}

/** A toolbar button that names its shortcut on hover (and beside its label when `showKey`). */
function ShortcutButton({ keys, showKey, ...rest }: { label: string; keys: string; onClick(): void; 'data-testid': string; showKey?: boolean; disabled?: boolean }) {
  return (
    <Tooltip label={<Kbd size="xs">{keys}</Kbd>} openDelay={300}>
      <KeyButton keys={showKey ? keys : undefined} style={{ flexShrink: 0 }} {...rest} />
    </Tooltip>
  );
}

/** A labelled toolbar button that opens a menu (a long label, such as a view's name, is cut with an ellipsis). */
function ToolbarMenu(p: { label: string; testId: string; position?: 'bottom-start' | 'bottom-end'; width?: number; truncate?: boolean; children: ReactNode }) {
  return (
    <Menu position={p.position ?? 'bottom-start'} zIndex={400} shadow="md" width={p.width}>
      <Menu.Target>
        <Button variant="default" rightSection="▾" data-testid={p.testId} style={p.truncate ? { maxWidth: 200 } : undefined}>
          {p.truncate ? (
            <Text size="xs" truncate>
              {p.label}
            </Text>
          ) : (
            p.label
          )}
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }}>
        {p.children}
      </Menu.Dropdown>
    </Menu>
  );
}

/** A menu folded into "More": its entries open beside it (→ or a click). */
function MoreSub(p: { label: string; testId: string; width?: number; children: ReactNode }) {
  return (
    <Menu.Sub>
      <Menu.Sub.Target>
        <Menu.Sub.Item data-testid={`more-${p.testId}`}>{p.label}</Menu.Sub.Item>
      </Menu.Sub.Target>
      <Menu.Sub.Dropdown w={p.width} mah={420} style={{ overflowY: 'auto' }}>
        {p.children}
      </Menu.Sub.Dropdown>
    </Menu.Sub>
  );
}

/** A button folded into "More". */
function MoreItem(p: { label: string; testId: string; onClick(): void; disabled?: boolean; keys?: string }) {
  return (
    <Menu.Item onClick={p.onClick} disabled={p.disabled} rightSection={p.keys ? <Kbd size="xs">{p.keys}</Kbd> : undefined} data-testid={`more-${p.testId}`}>
      {p.label}
    </Menu.Item>
  );
}

/** A toolbar menu: in the row, a labelled button that opens it; under "More", a submenu of the same entries. */
function menuAction(a: { testId: string; label: string; entries: ReactNode; width?: number; truncate?: boolean }): OverflowItem {
  return {
    id: a.testId,
    row: (
      <ToolbarMenu label={a.label} testId={a.testId} width={a.width} truncate={a.truncate}>
        {a.entries}
      </ToolbarMenu>
    ),
    more: (
      <MoreSub label={a.label} testId={a.testId} width={a.width}>
        {a.entries}
      </MoreSub>
    ),
  };
}

/** The appointments calendar is a screen of its own. */
function openAppointments() {
  location.hash = '#/interventions-calendar';
}

/** One toolbar action: the same label, click and state in the row and in "More". */
function action(a: { testId: string; label: string; onClick(): void; disabled?: boolean; keys?: string; showKey?: boolean }): OverflowItem {
  const row = a.keys ? (
    <ShortcutButton label={a.label} keys={a.keys} showKey={a.showKey} onClick={a.onClick} disabled={a.disabled} data-testid={a.testId} />
  ) : (
    <Button variant="default" onClick={a.onClick} disabled={a.disabled} data-testid={a.testId}>
      {a.label}
    </Button>
  );
  return { id: a.testId, row, more: <MoreItem {...a} /> };
}

/**
 * The interventions toolbar as the seed lists it: every operation on one row, the module's state on the right.
 * What does not fit the row (a narrow window, a long language) folds, from the end, into the labelled "More" menu,
 * beside what a manager opens now and then (approvals, settings).
 */
export function Toolbar(p: ToolbarProps) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('interventions', 'write');
  const canApprove = can('interventions', 'approve');
  const approvals = useApiQuery('interventions.approvals', {}, { enabled: canApprove && !p.deferred, staleTime: 30_000 });
  const pending = approvals.data?.length ?? 0;
  const reports = useReportsMenu(p.reports);
  const views = useViewsMenu({ current: p.view, config: p.reports.config, onApply: p.onApplyView, onError: (m) => p.reports.say(m, 'red') });

  const assistants = (
    <>
      <Menu.Item onClick={p.onAllocate} disabled={!p.hasTarget} data-testid="iv-allocate">
        {t('interventions.assist.allocateMenu', { count: p.selected })}
      </Menu.Item>
      <Menu.Item onClick={p.onDistribute} data-testid="iv-distribute">
        {t('interventions.assist.distributeMenu')}
      </Menu.Item>
    </>
  );
  const items: OverflowItem[] = [
    ...(canWrite ? [action({ testId: 'iv-add', label: t('common.add'), keys: 'Ins', showKey: true, onClick: p.onAdd })] : []),
    action({ testId: 'iv-open', label: t('common.open'), keys: 'Enter', onClick: p.onOpen, disabled: !p.hasTarget }),
    ...(can('interventions', 'delete') ? [action({ testId: 'iv-delete', label: t('common.delete'), keys: 'Del', onClick: p.onDelete, disabled: !p.hasTarget })] : []),
    action({ testId: 'iv-refresh', label: t('common.refresh'), keys: 'F5', onClick: p.onRefresh }),
    ...(canWrite ? [menuAction({ testId: 'iv-assistants', label: t('interventions.toolbar.assistants'), entries: assistants })] : []),
    action({ testId: 'iv-export', label: t('interventions.toolbar.export'), onClick: p.onExport }),
    ...(canWrite ? [action({ testId: 'iv-cancel', label: t('interventions.actions.cancelDoc'), onClick: p.onCancelDocs, disabled: !p.hasTarget })] : []),
    action({ testId: 'iv-appointments', label: t('interventions.toolbar.appointments'), onClick: openAppointments }),
    {
      id: 'iv-quick-report',
      row: (
        <Button variant="default" onClick={reports.quickReport.run} loading={reports.quickReport.busy} data-testid="iv-quick-report">
          {reports.quickReport.label}
        </Button>
      ),
      more: <MoreItem label={reports.quickReport.label} testId="iv-quick-report" onClick={reports.quickReport.run} disabled={reports.quickReport.busy} />,
    },
    menuAction({ testId: 'reports-menu', label: reports.label, entries: reports.entries, width: 460 }),
    menuAction({ testId: 'views-menu', label: views.label, entries: views.entries, width: 280, truncate: true }),
    {
      id: 'favorite-toggle',
      row: <FavoriteToggle star={views.star} />,
      more: <MoreItem label={`${views.star.on ? '★' : '☆'} ${views.star.label}`} testId="favorite-toggle" onClick={views.star.run} />,
    },
  ];

  const more = (folded: OverflowItem[]) => (
    <ToolbarMenu label={t('interventions.toolbar.more')} testId="iv-more" position="bottom-end">
      {folded.map((f) => (
        <Fragment key={f.id}>{f.more}</Fragment>
      ))}
      {folded.length > 0 && canApprove && <Menu.Divider />}
      {canApprove && (
        <>
          <Menu.Item onClick={p.onApprovals} rightSection={pending ? <Badge size="xs" color="orange">{pending}</Badge> : undefined} data-testid="iv-approvals">
            {t('interventions.approvals.title')}
          </Menu.Item>
          <Menu.Item onClick={p.onSettings} data-testid="iv-settings">
            {t('interventions.settings.title')}
          </Menu.Item>
        </>
      )}
    </ToolbarMenu>
  );

  return (
    <>
      {/* The module's name is in the navigation; the toolbar keeps every operation on one line. */}
      <Title order={1} className="pl-sr-only">
        {t('interventions.title')}
      </Title>
      <OverflowRow
        items={items}
        gap={3}
        className="pl-toolbar"
        testId="interventions-toolbar"
        end={(folded) => (
          <>
            {p.locked && (
              <Tooltip label={t('interventions.settings.lockSessionHint')}>
                <Badge color="orange" variant="light" data-testid="iv-locked">
                  {t('interventions.locked')}
                </Badge>
              </Tooltip>
            )}
            <WarningsButton deferred={p.deferred} onOpenIntervention={p.onOpenIntervention} />
            {(folded.length > 0 || canApprove) && (
              <Indicator label={pending} size={14} disabled={!pending} color="orange">
                {more(folded)}
              </Indicator>
            )}
          </>
        )}
      />
      {reports.dialog}
      {views.dialog}
    </>
  );
}
