import { useMemo, useState } from 'react';
import { Badge, PasswordInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import type { BranchRow, UserRow } from '../../../shared/api/organization';
import { LANGUAGE_NAMES, type Language } from '../../../shared/i18n/languages';
import { ROLES, ROLE_RANK, type Role } from '../../../shared/permissions';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan, useSession } from '../../app/session';
import { FormDialog, useFormShell } from '../../components/FormDialog';
import { ConfirmDialog, ErrorBanner, KeyButton, ListTable, ScreenHeader, blankToNull, cleanedResolver, useListSelection, useScreenKeys, type Column } from '../../components/screen';
import { LanguageField, MultiSelectField, SelectField } from '../../components/fields';
import { useWebFormColumn } from '../tasks/webFormColumn';

type UserForm = { login: string; password: string; name: string; email: string; role: Role; language: Language; branchIds: string[] };
type PasswordForm = { password: string; repeat: string };
const USER_FIELDS = ['login', 'password', 'name', 'email', 'role', 'language', 'branchIds'];

export function UsersScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const canWrite = can('users', 'write');
  const canDeactivate = can('users', 'delete');
  const [includeInactive, setIncludeInactive] = useState(false);
  const users = useApiQuery('users.list', { includeInactive });
  const branches = useApiQuery('branches.list', {});
  const branchName = useMemo(() => new Map((branches.data ?? []).map((b) => [b.id, b.name])), [branches.data]);

  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [password, setPassword] = useState<UserRow | null>(null);
  const [toggling, setToggling] = useState<UserRow | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const list = useListSelection(users.data, (u) => u.id, users.isLoading);
  const { current } = list;
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => ['users.list', 'branches.list'].includes(String(q.queryKey[0])) });
  useScreenKeys({ enabled: !editing && !password && !toggling, onInsert: canWrite ? () => setEditing('new') : undefined, onRefresh: refresh });

  const webFormColumn = useWebFormColumn(canWrite);
  const columns: Column<UserRow>[] = [
    { key: 'name', header: t('fields.name'), render: (u) => u.name, width: 200 },
    { key: 'login', header: t('fields.login'), render: (u) => u.login, width: 150 },
    { key: 'role', header: t('fields.role'), render: (u) => t(`roles.${u.role}`), width: 130 },
    {
      key: 'branches',
      header: t('fields.branchIds'),
      render: (u) =>
        u.branchIds
          .map((id) => branchName.get(id))
          .filter(Boolean)
          .join(', '),
    },
    { key: 'email', header: t('fields.email'), render: (u) => u.email ?? '', width: 220 },
    { key: 'language', header: t('fields.language'), render: (u) => LANGUAGE_NAMES[u.language], width: 100 },
    {
      key: 'active',
      header: t('fields.active'),
      width: 90,
      render: (u) => (
        <Badge size="xs" variant="light" color={u.active ? 'teal' : 'gray'}>
          {u.active ? t('users.active') : t('users.inactive')}
        </Badge>
      ),
    },
    webFormColumn,
  ];

  const toggle = async (u: UserRow) => {
    await call('users.setActive', { id: u.id, active: !u.active });
    await qc.invalidateQueries({ queryKey: ['users.list'] });
  };

  return (
    <div className="planora-page" data-testid="users-screen">
      <ScreenHeader title={t('users.title')}>
        <Switch
          label={t('users.showInactive')}
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
          size="xs"
          mr="xs"
          data-testid="users-show-inactive"
        />
        {canWrite && <KeyButton label={t('common.add')} keys="Ins" onClick={() => setEditing('new')} data-testid="user-add" />}
        {canWrite && <KeyButton label={t('common.edit')} keys="Enter" disabled={!current} onClick={() => current && setEditing(current)} data-testid="user-edit" />}
        {canWrite && <KeyButton label={t('users.setPassword')} disabled={!current} onClick={() => current && setPassword(current)} data-testid="user-password" />}
        {canDeactivate && (
          <KeyButton
            label={current && !current.active ? t('users.activate') : t('users.deactivate')}
            keys="Del"
            disabled={!current}
            onClick={() => current && setToggling(current)}
            data-testid="user-toggle-active"
          />
        )}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={failure ?? (users.error ? errorText(t, users.error) : null)} onClose={() => setFailure(null)} />
      <ListTable
        label={t('users.title')}
        testId="users-table"
        columns={columns}
        {...list.table}
        dimmed={(u) => !u.active}
        onOpen={canWrite ? (u) => setEditing(u) : undefined}
        onDelete={canDeactivate ? (u) => setToggling(u) : undefined}
      />

      {editing && (
        <UserDialog
          user={editing === 'new' ? null : editing}
          branches={branches.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            list.select(u.id);
            void qc.invalidateQueries({ queryKey: ['users.list'] });
          }}
        />
      )}
      {password && <PasswordDialog user={password} onClose={() => setPassword(null)} />}
      <ConfirmDialog
        opened={!!toggling}
        title={toggling?.active ? t('users.deactivate') : t('users.activate')}
        message={t(toggling?.active ? 'users.confirmDeactivate' : 'users.confirmActivate', { name: toggling?.name ?? '' })}
        confirmLabel={toggling?.active ? t('users.deactivate') : t('users.activate')}
        color={toggling?.active ? 'red' : 'teal'}
        onClose={() => setToggling(null)}
        onConfirm={() => (toggling ? toggle(toggling) : Promise.resolve())}
      />
    </div>
  );
}

function UserDialog(p: { user: UserRow | null; branches: BranchRow[]; onClose(): void; onSaved(u: UserRow): void }) {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const u = p.user;
  const isNew = !u;
  const form = useForm({
    resolver: cleanedResolver(isNew ? api['users.create'].input : api['users.update'].input, (v: UserForm) =>
      isNew
        ? { ...v, email: blankToNull(v.email) }
        : { id: u.id, name: v.name, email: blankToNull(v.email), role: v.role, language: v.language, branchIds: v.branchIds },
    ),
    defaultValues: {
      login: u?.login ?? '',
      password: '',
      name: u?.name ?? '',
      email: u?.email ?? '',
      role: u?.role ?? 'employee',
      language: u?.language ?? me.language,
      branchIds: u?.branchIds ?? (p.branches.length === 1 ? [p.branches[0]!.id] : []),
    },
  });
  const { register, control } = form;
  // Roles above one's own are shown (so the list reads the same for everyone) but cannot be picked.
  const roles = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`), disabled: ROLE_RANK[r] > ROLE_RANK[me.role] && r !== u?.role }));
  const branchOptions = p.branches.map((b) => ({ value: b.id, label: b.name }));

  const { err, shell } = useFormShell(form, USER_FIELDS, async (values) => {
    // What the resolver hands on carries the id only for an existing user.
    const row = 'id' in values ? await call('users.update', values) : await call('users.create', values);
    p.onSaved(row);
    p.onClose();
  });

  return (
    <FormDialog name="user" title={isNew ? t('users.newUser') : t('users.editUser', { name: u.name })} size="lg" onClose={p.onClose} {...shell}>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        <TextInput label={t('fields.login')} autoComplete="off" disabled={!isNew} data-autofocus={isNew || undefined} {...register('login')} error={err('login')} />
        {isNew ? (
          <PasswordInput
            label={t('fields.password')}
            autoComplete="new-password"
            description={t('users.passwordHint')}
            inputWrapperOrder={['label', 'input', 'error', 'description']}
            {...register('password')} error={err('password')} />
        ) : (
          <div />
        )}
        <TextInput label={t('fields.name')} data-autofocus={!isNew || undefined} {...register('name')} error={err('name')} />
        <TextInput label={t('fields.email')} type="email" {...register('email')} error={err('email')} />
        <SelectField control={control} name="role" label={t('fields.role')} data={roles} allowDeselect={false} error={err('role')} />
        <LanguageField control={control} name="language" label={t('fields.language')} allowDeselect={false} error={err('language')} />
      </SimpleGrid>
      <MultiSelectField control={control} name="branchIds" label={t('fields.branchIds')} data={branchOptions} searchable error={err('branchIds')} />
    </FormDialog>
  );
}

function PasswordDialog({ user, onClose }: { user: UserRow; onClose(): void }) {
  const { t } = useTranslation();
  const form = useForm({
    resolver: cleanedResolver(api['users.setPassword'].input, (v: PasswordForm) => ({ id: user.id, password: v.password })),
    defaultValues: { password: '', repeat: '' },
  });
  const { register, setError, getValues } = form;
  // The resolver hands on only what main takes, so the repeat is read from the form.
  const { err, shell } = useFormShell(form, ['password'], async () => {
    const { password, repeat } = getValues();
    if (password !== repeat) return setError('repeat', { type: 'validation', message: t('users.passwordMismatch') });
    await call('users.setPassword', { id: user.id, password });
    onClose();
  });

  return (
    <FormDialog name="password" title={t('users.setPasswordFor', { name: user.name })} size="sm" onClose={onClose} {...shell}>
      <PasswordInput label={t('fields.next')} autoComplete="new-password" data-autofocus description={t('users.passwordHint')} {...register('password')} error={err('password')} />
      <PasswordInput label={t('users.repeatPassword')} autoComplete="new-password" {...register('repeat')} error={err('repeat')} />
    </FormDialog>
  );
}
