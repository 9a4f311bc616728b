import { Badge, Button, Group, Indicator, Kbd, Menu, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { useCan } from '../../app/session';
import { KeyButton } from '../../components/screen';
import { GridLegend } from './GridLegend';
import { ReportsMenu, type ReportsMenuProps } from './ReportsMenu';
import { ViewsMenu, type SavedView } from './Views';

export interface ToolbarProps {
  /** How many rows are selected (the allocate assistant's label counts them). */
  selected: number;
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
}

/** A toolbar button that names its shortcut on hover (and beside its label when `showKey`). */
function ShortcutButton({ keys, showKey, ...rest }: { label: string; keys: string; onClick(): void; 'data-testid': string; showKey?: boolean }) {
  return (
    <Tooltip label={<Kbd size="xs">{keys}</Kbd>} openDelay={300}>
      <KeyButton keys={showKey ? keys : undefined} style={{ flexShrink: 0 }} {...rest} />
    </Tooltip>
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
        <ShortcutButton label={t('common.open')} keys="Enter" onClick={p.onOpen} data-testid="iv-open" />
        {can('interventions', 'delete') && <ShortcutButton label={t('common.delete')} keys="Del" onClick={p.onDelete} data-testid="iv-delete" />}
        <Tooltip label={<>{t('common.refresh')} <Kbd size="xs">F5</Kbd></>}>
          <Button variant="default" onClick={p.onRefresh} data-testid="iv-refresh" aria-label={t('common.refresh')}>
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
              <Menu.Item onClick={p.onAllocate} data-testid="iv-allocate">
                {t('interventions.assist.allocateMenu', { count: p.selected })}
              </Menu.Item>
              <Menu.Item onClick={p.onDistribute} data-testid="iv-distribute">
                {t('interventions.assist.distributeMenu')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        <Button variant="default" onClick={p.onExport} data-testid="iv-export">
          {t('interventions.toolbar.export')}
        </Button>
        {canWrite && (
          <Button variant="default" onClick={p.onCancelDocs} data-testid="iv-cancel">
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
        <GridLegend />
        {p.locked && (
          <Tooltip label={t('interventions.settings.lockSessionHint')}>
            <Badge color="orange" variant="light" data-testid="iv-locked">
              {t('interventions.locked')}
            </Badge>
          </Tooltip>
        )}
        {canApprove && (
          <Tooltip label={t('interventions.approvals.title')}>
            <Indicator label={pending} size={14} disabled={!pending} color="orange">
              <Button variant="default" onClick={p.onApprovals} data-testid="iv-approvals" aria-label={t('interventions.approvals.button')}>
                ☑
              </Button>
            </Indicator>
          </Tooltip>
        )}
        {canApprove && (
          <Tooltip label={t('interventions.settings.title')}>
            <Button variant="default" onClick={p.onSettings} data-testid="iv-settings" aria-label={t('interventions.settings.title')}>
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
  );
}
