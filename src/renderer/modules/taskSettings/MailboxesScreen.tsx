import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TaskMailbox } from '../../../shared/api/tasks';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { ConfirmDialog, ErrorBanner, KeyButton, ListTable, ScreenHeader, useListSelection, useScreenKeys, type Column } from '../../components/screen';
import { useKept } from '../schedule/useKept';
import { MailboxDialog } from './MailboxDialog';

/** The mailboxes whose mail becomes tasks, several per organization, each for one branch. Managers and up. */
export function MailboxesScreen() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const boxes = useApiQuery('tasks.mailboxes', {});
  const branches = useApiQuery('branches.list', {});
  const branchName = useMemo(() => new Map((branches.data ?? []).map((b) => [b.id, b.name])), [branches.data]);
  const list = useListSelection(boxes.data, (m) => m.id, boxes.isLoading);
  const [editing, setEditing] = useState<TaskMailbox | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TaskMailbox | null>(null);
  const shown = useKept(editing);
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.mailboxes') });
  const add = () => setEditing('new');
  useScreenKeys({ enabled: !editing && !deleting, onInsert: add, onRefresh: refresh });

  const columns: Column<TaskMailbox>[] = [
    { key: 'name', header: t('taskChecklist.mbName'), render: (m) => m.name, width: 200 },
    { key: 'branch', header: t('taskChecklist.branch'), render: (m) => branchName.get(m.branchId) ?? '', width: 140 },
    { key: 'server', header: t('taskChecklist.host'), render: (m) => `${m.login}@${m.host}:${m.port}${m.tls ? ' (TLS)' : ''}` },
    { key: 'folder', header: t('taskChecklist.folder'), render: (m) => (m.doneFolder ? `${m.folder} → ${m.doneFolder}` : m.folder), width: 160 },
    { key: 'poll', header: t('taskChecklist.pollSec'), align: 'right', render: (m) => m.pollSec, width: 130 },
    { key: 'enabled', header: t('taskChecklist.enabled'), render: (m) => t(m.enabled ? 'taskChecklist.yes' : 'taskChecklist.no'), width: 100 },
  ];

  return (
    <div className="planora-page" data-testid="mailboxes-screen">
      <ScreenHeader title={t('taskChecklist.mailboxesTitle')}>
        <KeyButton label={t('common.add')} keys="Ins" onClick={add} data-testid="mailboxes-add" />
        <KeyButton label={t('common.edit')} keys="Enter" disabled={!list.current} onClick={() => list.current && setEditing(list.current)} data-testid="mailboxes-edit" />
        <KeyButton label={t('common.delete')} keys="Del" disabled={!list.current} onClick={() => list.current && setDeleting(list.current)} data-testid="mailboxes-delete" />
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={boxes.error ? errorText(t, boxes.error) : null} onClose={refresh} />
      <ListTable
        label={t('taskChecklist.mailboxesTitle')}
        testId="mailboxes-table"
        columns={columns}
        {...list.table}
        dimmed={(m) => !m.enabled}
        onOpen={(m) => setEditing(m)}
        onDelete={(m) => setDeleting(m)}
      />
      <MailboxDialog opened={editing !== null} mailbox={shown === 'new' ? null : shown} branches={branches.data ?? []} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('common.delete')}
        message={t('taskChecklist.deleteMailbox', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        testId="mailbox-delete-confirm"
        onConfirm={async () => {
          if (deleting) await call('tasks.deleteMailbox', { id: deleting.id });
          refresh();
        }}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}
