import { Badge, Button, Group, Kbd, Popover, Progress, Stack, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SyncState, SyncStatus } from '../../../shared/api/sync';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { problemText, progressText } from './conflictText';
import { useCan } from '../../app/session';

/** The dot's colour per state: green online, blue at work, grey without a hub or a network, red when refused. */
const COLOUR: Record<SyncState, string> = { unregistered: 'gray', idle: 'teal', syncing: 'blue', offline: 'gray', refused: 'red' };

/**
 * The shell's sync indicator: the state at a glance, the changes waiting and the open conflicts as a badge; a click
 * (or Ctrl+Shift+S anywhere, a field included) opens the panel with "Sync now", the hub's refusal and the conflicts.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const [opened, panel] = useDisclosure(false);
  // Pushed after every round; the slow poll only catches a save made while nothing else happened.
  const status = useApiQuery('sync.status', {}, { refetchInterval: 15_000 });
  const now = useApiMutation('sync.now');
  const syncNow = () => {
    panel.open();
    if (!now.isPending) now.mutate({});
  };
  useHotkeys([['ctrl+shift+S', syncNow]], []);
  const s = now.data && now.submittedAt > status.dataUpdatedAt ? now.data : status.data;
  if (!s) return null;
  const state = t(`sync.state_${s.state}`);

  return (
    <Popover opened={opened} onChange={(o) => (o ? panel.open() : panel.close())} position="bottom-end" shadow="md" width={320} trapFocus>
      <Popover.Target>
        {/* The button itself is the target: the popover's aria attributes belong on it, not on a wrapper. */}
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={panel.toggle}
          aria-label={t('sync.indicator', { state })}
          data-testid="sync-indicator"
          data-state={s.state}
          data-conflicts={s.conflicts}
          leftSection={<Dot colour={COLOUR[s.state]} />}
        >
          {s.progress ? progressText(t, s.progress) : state}
          {s.pending > 0 && (
            <Badge ml={6} size="xs" variant="light" color="gray" data-testid="sync-pending-badge">
              {s.pending}
            </Badge>
          )}
          {s.conflicts > 0 && (
            <Badge ml={4} size="xs" variant="filled" color="orange" title={t('sync.conflicts', { count: s.conflicts })} data-testid="sync-conflict-badge">
              {s.conflicts}
            </Badge>
          )}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="sync-panel">
        <SyncPanel status={s} syncing={now.isPending} onSyncNow={syncNow} failure={now.error ? errorText(t, now.error) : null} onLeave={panel.close} />
      </Popover.Dropdown>
    </Popover>
  );
}

function Dot({ colour }: { colour: string }) {
  return <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: `var(--mantine-color-${colour}-7)` }} />;
}

function SyncPanel(p: { status: SyncStatus; syncing: boolean; failure: string | null; onSyncNow(): void; onLeave(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const s = p.status;
  const registered = s.state !== 'unregistered';
  return (
    <Stack gap={6}>
      <Text fw={700} size="sm" data-testid="sync-panel-state">
        {t(`sync.state_${s.state}`)}
        {s.deviceName ? ` · ${s.deviceName}` : ''}
      </Text>
      {!registered && <Text size="sm">{t('sync.notRegistered')}</Text>}
      {s.problem && (
        <Text size="sm" c={s.state === 'refused' ? 'red.8' : 'dimmed'} role="status" data-testid="sync-problem">
          {problemText(t, s.problem)}
        </Text>
      )}
      {p.failure && (
        <Text size="sm" c="red.8" role="alert">
          {p.failure}
        </Text>
      )}
      {s.progress && (
        <Progress value={s.progress.total ? (100 * s.progress.done) / s.progress.total : 100} striped animated={!s.progress.total} aria-label={progressText(t, s.progress)} />
      )}
      {registered && (
        <>
          <Text size="sm" data-testid="sync-pending">
            {t('sync.pending', { count: s.pending })}
          </Text>
          <Text size="sm" data-testid="sync-last">
            {s.lastSyncAt ? t('sync.lastSync', { at: fmt.dateTime(s.lastSyncAt) }) : t('sync.never')}
          </Text>
        </>
      )}
      <Group gap={6} justify="space-between">
        {registered && (
          <Button size="xs" onClick={p.onSyncNow} loading={p.syncing} rightSection={<Kbd size="xs">Ctrl+Shift+S</Kbd>} data-testid="sync-now">
            {t('sync.syncNow')}
          </Button>
        )}
        {s.conflicts > 0 && (
          <Button size="xs" variant="light" color="orange" component={Link} to="/sync-conflicts" onClick={p.onLeave} data-testid="sync-open-conflicts">
            {t('sync.conflicts', { count: s.conflicts })}
          </Button>
        )}
        {can('organization', 'approve') && (
          <Button size="xs" variant="subtle" component={Link} to="/sync" onClick={p.onLeave} data-testid="sync-open-settings">
            {t('sync.nav')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
