import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, type Output } from '../../../shared/api';
import type { BranchRow } from '../../../shared/api/organization';
import { type Language } from '../../../shared/i18n/languages';
import { call } from '../../app/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { FormDialog, SettingsForm, useFormShell } from '../../components/FormDialog';
import { ConfirmDialog, ErrorBanner, KeyButton, ListTable, ScreenHeader, blankToNull, cleanedResolver, useListSelection, useScreenKeys, type Column } from '../../components/screen';
import { ColleagueField, CountryField, LanguagesField, TimeZoneField } from '../../components/fields';

type OrgForm = { name: string; phone: string; country: string; timeZone: string; languages: Language[] };
type BranchForm = { name: string; address: string; phone: string; timeZone: string; managerId: string | null };
const ORG_FIELDS = ['name', 'phone', 'country', 'timeZone', 'languages'];
const BRANCH_FIELDS = ['name', 'address', 'phone', 'timeZone', 'managerId'];


export function OrganizationScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const canWrite = can('organization', 'write');
  const canDelete = can('organization', 'delete');

  const org = useApiQuery('org.get', {});
  const branches = useApiQuery('branches.list', {});
  const users = useApiQuery('users.directory', { includeInactive: true });
  const userName = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);

  const [editing, setEditing] = useState<BranchRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<BranchRow | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const list = useListSelection(branches.data, (b) => b.id, branches.isLoading);
  const { current } = list;
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => ['org.get', 'branches.list', 'users.directory'].includes(String(q.queryKey[0])) });

  useScreenKeys({ enabled: !editing && !deleting, onInsert: canWrite ? () => setEditing('new') : undefined, onRefresh: refresh });

  const columns: Column<BranchRow>[] = [
    { key: 'name', header: t('fields.name'), render: (b) => b.name, width: 180 },
    { key: 'address', header: t('org.address'), render: (b) => b.address ?? '' },
    { key: 'phone', header: t('org.callerId'), render: (b) => b.phone ?? '', width: 150 },
    { key: 'timeZone', header: t('fields.timeZone'), render: (b) => b.timeZone, width: 150 },
    { key: 'manager', header: t('fields.managerId'), render: (b) => (b.managerId ? (userName.get(b.managerId) ?? '') : ''), width: 180 },
  ];

  return (
    <div className="planora-page" data-testid="organization-screen">
      <ScreenHeader title={t('org.title')} />
      {org.error && <ErrorBanner message={errorText(t, org.error)} onClose={() => undefined} />}
      {org.data && <OrgForm org={org.data} readOnly={!canWrite} />}

      <ScreenHeader title={t('org.branches')} level={2}>
        {canWrite && <KeyButton label={t('common.add')} keys="Ins" onClick={() => setEditing('new')} data-testid="branch-add" />}
        {canWrite && <KeyButton label={t('common.edit')} keys="Enter" disabled={!current} onClick={() => current && setEditing(current)} data-testid="branch-edit" />}
        {canDelete && (
          <KeyButton label={t('common.delete')} keys="Del" disabled={!current} onClick={() => current && setDeleting(current)} data-testid="branch-delete" />
        )}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={failure} onClose={() => setFailure(null)} />
      <ListTable
        label={t('org.branches')}
        testId="branches-table"
        columns={columns}
        {...list.table}
        onOpen={canWrite ? (b) => setEditing(b) : undefined}
        onDelete={canDelete ? (b) => setDeleting(b) : undefined}
      />

      {editing && (
        <BranchDialog
          branch={editing === 'new' ? null : editing}
          defaultTimeZone={org.data?.timeZone ?? 'UTC'}
          onClose={() => setEditing(null)}
          onSaved={(b) => {
            list.select(b.id);
            void qc.invalidateQueries({ queryKey: ['branches.list'] });
          }}
        />
      )}
      <ConfirmDialog
        opened={!!deleting}
        title={t('org.deleteBranch')}
        message={t('org.confirmDeleteBranch', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await call('branches.delete', { id: deleting.id });
          list.select(null);
          await qc.invalidateQueries({ queryKey: ['branches.list'] });
        }}
      />
    </div>
  );
}

function OrgForm({ org, readOnly }: { org: Output<'org.get'>; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();

  const toForm = (o: Output<'org.get'>): OrgForm => ({ name: o.name, phone: o.phone ?? '', country: o.country, timeZone: o.timeZone, languages: o.languages });
  const form = useForm({
    resolver: cleanedResolver(api['org.update'].input, (v: OrgForm) => ({ ...v, phone: blankToNull(v.phone) })),
    defaultValues: toForm(org),
  });
  const { register, control, formState, reset } = form;
  // Someone else saved (a push event refetched): show their values unless this form has unsaved edits.
  const { isDirty } = formState;
  const arrived = useEffectEvent((o: typeof org) => {
    if (!isDirty) reset(toForm(o));
  });
  useEffect(() => arrived(org), [org]);
  const { err, shell } = useFormShell(form, ORG_FIELDS, async (values) => {
    const row = await call('org.update', values);
    qc.setQueryData(apiQueryKey('org.get', {}), row);
    reset(toForm(row));
  });

  return (
    <SettingsForm name="org" readOnly={readOnly} onReset={() => reset(toForm(org))} {...shell}>
      <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs" verticalSpacing={6}>
        <TextInput label={t('fields.name')} readOnly={readOnly} {...register('name')} error={err('name')} />
        <TextInput label={t('fields.phone')} readOnly={readOnly} {...register('phone')} error={err('phone')} />
        <CountryField control={control} name="country" readOnly={readOnly} error={err('country')} />
        <TimeZoneField control={control} name="timeZone" readOnly={readOnly} error={err('timeZone')} />
        <LanguagesField control={control} name="languages" readOnly={readOnly} error={err('languages')} style={{ gridColumn: 'span 2' }} />
      </SimpleGrid>
    </SettingsForm>
  );
}

function BranchDialog(p: { branch: BranchRow | null; defaultTimeZone: string; onClose(): void; onSaved(b: BranchRow): void }) {
  const { t } = useTranslation();
  const b = p.branch;
  const form = useForm({
    resolver: cleanedResolver(api['branches.create'].input, (v: BranchForm) => ({ ...v, phone: blankToNull(v.phone), address: blankToNull(v.address), managerId: v.managerId || null })),
    defaultValues: { name: b?.name ?? '', address: b?.address ?? '', phone: b?.phone ?? '', timeZone: b?.timeZone ?? p.defaultTimeZone, managerId: b?.managerId ?? null },
  });
  const { register, control } = form;
  const { err, shell } = useFormShell(form, BRANCH_FIELDS, async (values) => {
    const row = b ? await call('branches.update', { ...values, id: b.id }) : await call('branches.create', values);
    p.onSaved(row);
    p.onClose();
  });

  return (
    <FormDialog name="branch" title={b ? t('org.editBranch') : t('org.newBranch')} size="lg" onClose={p.onClose} {...shell}>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        <TextInput label={t('fields.name')} data-autofocus {...register('name')} error={err('name')} />
        <TextInput label={t('org.callerId')} description={t('org.callerIdHint')} inputWrapperOrder={['label', 'input', 'error', 'description']} {...register('phone')} error={err('phone')} />
      </SimpleGrid>
      <TextInput label={t('org.address')} {...register('address')} error={err('address')} />
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        <TimeZoneField control={control} name="timeZone" error={err('timeZone')} />
        <ColleagueField control={control} name="managerId" label={t('fields.managerId')} error={err('managerId')} />
      </SimpleGrid>
    </FormDialog>
  );
}
