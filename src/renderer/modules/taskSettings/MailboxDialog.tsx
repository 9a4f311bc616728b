import { useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TaskMailbox } from '../../../shared/api/tasks';
import type { BranchRow } from '../../../shared/api/organization';
import { call } from '../../app/api';
import { errorText } from '../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';
import { useDialogSave } from '../schedule/useDialogSave';

interface Props {
  opened: boolean;
  mailbox: TaskMailbox | null;
  branches: BranchRow[];
  onClose(): void;
}

const FIELDS = ['branchId', 'name', 'host', 'port', 'login', 'password', 'folder', 'doneFolder', 'pollSec', 'note'] as const;
type Result = { ok: boolean; messages: number | null; error: string | null };

/**
 * An intake mailbox: where it is, how to log in (the password is sealed in main and never shown: left empty, the
 * stored one stays), which folder to read, how often; "Test connection" logs in with what is typed, for real.
 */
function MailboxBody(p: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const m = p.mailbox;
  const [v, setV] = useState({
    branchId: m?.branchId ?? p.branches[0]?.id ?? '',
    name: m?.name ?? '',
    host: m?.host ?? '',
    port: m?.port ?? 993,
    tls: m?.tls ?? true,
    login: m?.login ?? '',
    password: '',
    folder: m?.folder ?? 'INBOX',
    doneFolder: m?.doneFolder ?? '',
    enabled: m?.enabled ?? true,
    pollSec: m?.pollSec ?? 60,
    note: m?.note ?? '',
  });
  const set = <K extends keyof typeof v>(k: K, x: (typeof v)[K]) => setV((o) => ({ ...o, [k]: x }));
  const [result, setResult] = useState<Result | null>(null);
  const [testing, setTesting] = useState(false);
  const done = () => {
    void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.mailboxes') });
    p.onClose();
  };
  const { errors, failure, busy, save } = useDialogSave(FIELDS, done);
  const input = () => ({
    ...(m ? { id: m.id, version: m.version } : {}),
    branchId: v.branchId,
    name: v.name,
    host: v.host.trim(),
    port: Number(v.port),
    tls: v.tls,
    login: v.login,
    // Empty: keep the stored password (an edit), none at all (a new mailbox).
    ...(v.password ? { password: v.password } : {}),
    folder: v.folder,
    doneFolder: v.doneFolder || null,
    enabled: v.enabled,
    pollSec: Number(v.pollSec),
    note: v.note || null,
  });
  const test = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult(await call('tasks.mailboxes.test', input()));
    } catch (e) {
      setResult({ ok: false, messages: null, error: errorText(t, e) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="mailbox-dialog">
      <DialogFailure message={failure} testId="mailbox-refusal" />
      <SimpleGrid cols={2} spacing="xs">
        <TextInput label={t('taskChecklist.mbName')} value={v.name} maxLength={100} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus data-testid="mailbox-name" />
        <Select label={t('taskChecklist.branch')} data={p.branches.map((b) => ({ value: b.id, label: b.name }))} value={v.branchId} onChange={(x) => x && set('branchId', x)} allowDeselect={false} error={errors.branchId} data-testid="mailbox-branch" />
      </SimpleGrid>
      <Group grow align="flex-end">
        <TextInput label={t('taskChecklist.host')} value={v.host} maxLength={253} onChange={(e) => set('host', e.currentTarget.value)} error={errors.host} required data-testid="mailbox-host" />
        <NumberInput label={t('taskChecklist.port')} value={v.port} onChange={(x) => set('port', Number(x))} min={1} max={65535} allowDecimal={false} error={errors.port} maw={110} data-testid="mailbox-port" />
        <Checkbox label={t('taskChecklist.tls')} checked={v.tls} onChange={(e) => set('tls', e.currentTarget.checked)} mb={8} data-testid="mailbox-tls" />
      </Group>
      <SimpleGrid cols={2} spacing="xs">
        <TextInput label={t('taskChecklist.login')} value={v.login} maxLength={254} onChange={(e) => set('login', e.currentTarget.value)} error={errors.login} required data-testid="mailbox-login" />
        <PasswordInput
          label={t('taskChecklist.password')}
          value={v.password}
          maxLength={256}
          onChange={(e) => set('password', e.currentTarget.value)}
          placeholder={m?.hasPassword ? '••••••' : undefined}
          description={m?.hasPassword ? t('taskChecklist.passwordKept') : undefined}
          error={errors.password}
          data-testid="mailbox-password"
        />
        <TextInput label={t('taskChecklist.folder')} value={v.folder} maxLength={200} onChange={(e) => set('folder', e.currentTarget.value)} error={errors.folder} required data-testid="mailbox-folder" />
        <TextInput label={t('taskChecklist.doneFolder')} value={v.doneFolder} maxLength={200} onChange={(e) => set('doneFolder', e.currentTarget.value)} error={errors.doneFolder} data-testid="mailbox-done-folder" />
        <NumberInput label={t('taskChecklist.pollSec')} value={v.pollSec} onChange={(x) => set('pollSec', Number(x))} min={15} max={3600} allowDecimal={false} error={errors.pollSec} data-testid="mailbox-poll" />
        <Checkbox label={t('taskChecklist.enabled')} checked={v.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} mt={26} data-testid="mailbox-enabled" />
      </SimpleGrid>
      <TextInput label={t('taskChecklist.note')} value={v.note} maxLength={300} onChange={(e) => set('note', e.currentTarget.value)} error={errors.note} data-testid="mailbox-note" />
      {result && (
        <Alert color={result.ok ? 'green' : 'red'} p="xs" role="status" data-testid="mailbox-test-result">
          {result.ok ? t('taskChecklist.testOk', { messages: result.messages ?? 0 }) : t('taskChecklist.testFailed', { error: result.error ?? '' })}
        </Alert>
      )}
      <Group justify="space-between" align="center">
        <Button variant="light" loading={testing} disabled={!v.host.trim() || !v.login} onClick={() => void test()} data-testid="mailbox-test">
          {t('taskChecklist.test')}
        </Button>
        <DialogButtons onCancel={p.onClose} label={t('common.save')} onConfirm={() => void save(() => call('tasks.saveMailbox', input()))} busy={busy} testId="mailbox-save" />
      </Group>
    </Stack>
  );
}

export const MailboxDialog = freshDialog((t, p: Props) => t(p.mailbox ? 'taskChecklist.editMailbox' : 'taskChecklist.newMailbox'), 'lg', MailboxBody);
