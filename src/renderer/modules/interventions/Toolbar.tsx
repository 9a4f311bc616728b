import type { ReactNode } from 'react';
import { Badge, Button, Group, Indicator, Kbd, Menu, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { useCan } from '../../app/session';
import { KeyButton } from '../../components/screen';
import { ReportsMenu, type ReportsMenuProps } from './ReportsMenu';
import { ViewsMenu, type SavedView } from './Views';
import { WarningsButton } from './WarningsPanel';

export interface ToolbarProps {
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

/** A labelled toolbar button that opens a menu. */
function ToolbarMenu(p: { label: string; testId: string; position?: 'bottom-start' | 'bottom-end'; children: ReactNode }) {
  return (
    <Menu position={p.position ?? 'bottom-start'} zIndex={400} shadow="md">
      <Menu.Target>
        <Button variant="default" rightSection="▾" data-testid={p.testId}>
          {p.label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{p.children}</Menu.Dropdown>
    </Menu>
  );
}

/** The interventions toolbar as the seed lists it: every operation on one line, the module's state on the right. */
export function Toolbar(p: ToolbarProps) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('interventions', 'write');
  const canApprove = can('interventions', 'approve');
  const approvals = useApiQuery('interventions.approvals', {}, { enabled: canApprove, staleTime: 30_000 });
  const pending = approvals.data?.length ?? 0;

  return (
    <Group gap={4} wrap="wrap" justify="space-between" className="pl-toolbar" data-testid="interventions-toolbar">
      <Group gap={4} wrap="wrap">
        {/* The module's name is in the navigation; the toolbar keeps every operation on one line. */}
        <Title order={1} className="pl-sr-only">
          {t('interventions.title')}
        </Title>
        {canWrite && <ShortcutButton label={t('common.add')} keys="Ins" onClick={p.onAdd} data-testid="iv-add" showKey />}
        <ShortcutButton label={t('common.open')} keys="Enter" onClick={p.onOpen} disabled={!p.hasTarget} data-testid="iv-open" />
        {can('interventions', 'delete') && <ShortcutButton label={t('common.delete')} keys="Del" onClick={p.onDelete} disabled={!p.hasTarget} data-testid="iv-delete" />}
        <ShortcutButton label={t('common.refresh')} keys="F5" onClick={p.onRefresh} data-testid="iv-refresh" />
        {canWrite && (
          <ToolbarMenu label={t('interventions.toolbar.assistants')} testId="iv-assistants">
            <Menu.Item onClick={p.onAllocate} disabled={!p.hasTarget} data-testid="iv-allocate">
              {t('interventions.assist.allocateMenu', { count: p.selected })}
            </Menu.Item>
            <Menu.Item onClick={p.onDistribute} data-testid="iv-distribute">
              {t('interventions.assist.distributeMenu')}
            </Menu.Item>
          </ToolbarMenu>
        )}
        <Button variant="default" onClick={p.onExport} data-testid="iv-export">
          {t('interventions.toolbar.export')}
        </Button>
        {canWrite && (
          <Button variant="default" onClick={p.onCancelDocs} disabled={!p.hasTarget} data-testid="iv-cancel">
            {t('interventions.actions.cancelDoc')}
          </Button>
        )}
        <Button variant="default" onClick={() => (location.hash = '#/interventions-calendar')} data-testid="iv-appointments">
          {t('interventions.toolbar.appointments')}
        </Button>
        <ReportsMenu {...p.reports} />
        <ViewsMenu current={p.view} config={p.reports.config} onApply={p.onApplyView} onError={(m) => p.reports.say(m, 'red')} />
      </Group>
      <Group gap={4} wrap="nowrap">
        {p.locked && (
          <Tooltip label={t('interventions.settings.lockSessionHint')}>
            <Badge color="orange" variant="light" data-testid="iv-locked">
              {t('interventions.locked')}
            </Badge>
          </Tooltip>
        )}
        <WarningsButton onOpenIntervention={p.onOpenIntervention} />
        {canApprove && (
          // What a manager opens now and then folds into one labelled menu, so the row holds at 1366 px.
          <Indicator label={pending} size={14} disabled={!pending} color="orange">
            <ToolbarMenu label={t('interventions.toolbar.more')} testId="iv-more" position="bottom-end">
              <Menu.Item onClick={p.onApprovals} rightSection={pending ? <Badge size="xs" color="orange">{pending}</Badge> : undefined} data-testid="iv-approvals">
                {t('interventions.approvals.title')}
              </Menu.Item>
              <Menu.Item onClick={p.onSettings} data-testid="iv-settings">
                {t('interventions.settings.title')}
              </Menu.Item>
            </ToolbarMenu>
          </Indicator>
        )}
      </Group>
    </Group>
  );
}
