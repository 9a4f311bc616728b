import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, type Output } from '../../../shared/api';
import { NOTICE_CHANNELS } from '../../../shared/rules/tasks/notices';
import { call } from '../../app/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan, useSession } from '../../app/session';
import { SettingsForm, useFormShell } from '../../components/FormDialog';
import { ErrorBanner, KeyButton, ScreenHeader, blankToNull, cleanedResolver, useScreenKeys } from '../../components/screen';
import { NumberField, SelectField } from '../../components/fields';

type Prefs = Output<'tasks.notices.prefs'>;
type PrefsForm = { prefs: { urgent: Prefs['urgent']; medium: Prefs['medium']; notUrgent: Prefs['notUrgent']; phone: string } };
const PRIORITIES = [
  ['urgent', 'urgent'],
  ['medium', 'medium'],
  ['notUrgent', 'not_urgent'],
] as const;

/**
 * How a task reaches its employee: each person's channel per priority (e-mail, text message, both, none) and the
 * number texts go to — one's own, or, for user administrators and managers, a colleague's — and the organization's
 * minutes before an unacknowledged urgent task is escalated to the dispatcher (managers and up change it).
 */
export function NoticesScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const { user } = useSession();
  const qc = useQueryClient();
  const forOthers = can('users', 'write') || can('tasks', 'approve');
  const [personId, setPersonId] = useState(user.id);
  const people = useApiQuery('users.directory', {}, { enabled: forOthers });
  const prefs = useApiQuery('tasks.notices.prefs', { userId: personId });
  const settings = useApiQuery('tasks.notices.settings', {});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.notices.') });
  useScreenKeys({ enabled: true, onRefresh: refresh });
  const options = useMemo(() => (people.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.id === user.id ? `${p.name} (${t('noticePrefs.me')})` : p.name })), [people.data, user.id, t]);

  return (
    <div className="planora-page" data-testid="notices-screen" style={{ overflowY: 'auto' }}>
      <ScreenHeader title={t('noticePrefs.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={prefs.error ? errorText(t, prefs.error) : settings.error ? errorText(t, settings.error) : null} onClose={refresh} />
      <Stack gap={6}>
        <Title order={2} size="h5">
          {t('noticePrefs.personTitle')}
        </Title>
        {forOthers && (
          <Select
            label={t('noticePrefs.person')}
            data={options}
            value={personId}
            onChange={(v) => setPersonId(v ?? user.id)}
            searchable
            allowDeselect={false}
            w={320}
            data-testid="notice-person"
          />
        )}
        {prefs.data && <PrefsForm key={personId} userId={personId} prefs={prefs.data} />}
        <Title order={2} size="h5" mt="xs">
          {t('noticePrefs.escalationTitle')}
        </Title>
        {settings.data && <EscalationForm minutes={settings.data.escalateMinutes} readOnly={!can('tasks', 'approve')} />}
      </Stack>
    </div>
  );
}

function PrefsForm({ userId, prefs }: { userId: string; prefs: Prefs }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toForm = (p: Prefs): PrefsForm => ({ prefs: { urgent: p.urgent, medium: p.medium, notUrgent: p.notUrgent, phone: p.phone ?? '' } });
  const form = useForm({
    resolver: cleanedResolver(api['tasks.notices.savePrefs'].input, (v: PrefsForm) => ({ userId, prefs: { ...v.prefs, phone: blankToNull(v.prefs.phone) } })),
    defaultValues: toForm(prefs),
  });
  const { control, register, reset, formState } = form;
  const { isDirty } = formState;
  // Saved elsewhere meanwhile (a refetch): shown unless this form has unsaved edits.
  const arrived = useEffectEvent((p: Prefs) => {
    if (!isDirty) reset(toForm(p));
  });
  useEffect(() => arrived(prefs), [prefs]);
  const { shell } = useFormShell(form, ['prefs'], async (values) => {
    const saved = await call('tasks.notices.savePrefs', values);
    qc.setQueryData(apiQueryKey('tasks.notices.prefs', { userId }), saved);
    reset(toForm(saved));
  });
  const channels = NOTICE_CHANNELS.map((c) => ({ value: c, label: t(`taskField.channel_${c}`) }));
  const phoneError = formState.errors.prefs?.phone?.message;

  return (
    <SettingsForm name="notice-prefs" readOnly={false} onReset={() => reset(toForm(prefs))} {...shell}>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs" verticalSpacing={6}>
        {PRIORITIES.map(([field, priority]) => (
          <SelectField key={field} control={control} name={`prefs.${field}`} label={t(`tasks.priority.${priority}`)} data={channels} allowDeselect={false} data-testid={`notice-${field}`} />
        ))}
        <TextInput label={t('noticePrefs.phone')} description={t('noticePrefs.phoneHint')} placeholder="+370 612 34567" {...register('prefs.phone')} error={phoneError} data-testid="notice-phone" />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('noticePrefs.hint')}
      </Text>
    </SettingsForm>
  );
}

function EscalationForm({ minutes, readOnly }: { minutes: number; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  type Values = { escalateMinutes: number | string };
  const form = useForm({
    resolver: cleanedResolver(api['tasks.notices.saveSettings'].input, (v: Values) => ({ escalateMinutes: v.escalateMinutes === '' ? undefined : Number(v.escalateMinutes) })),
    defaultValues: { escalateMinutes: minutes } as Values,
  });
  const { control, reset, formState } = form;
  const { isDirty } = formState;
  const arrived = useEffectEvent((m: number) => {
    if (!isDirty) reset({ escalateMinutes: m });
  });
  useEffect(() => arrived(minutes), [minutes]);
  const { err, shell } = useFormShell(form, ['escalateMinutes'], async (values) => {
    const saved = await call('tasks.notices.saveSettings', values);
    qc.setQueryData(apiQueryKey('tasks.notices.settings', {}), saved);
    reset({ escalateMinutes: saved.escalateMinutes });
  });
  return (
    <SettingsForm name="escalation" readOnly={readOnly} onReset={() => reset({ escalateMinutes: minutes })} {...shell}>
      <NumberField
        control={control}
        name="escalateMinutes"
        label={t('noticePrefs.escalateMinutes')}
        description={t('noticePrefs.escalateHint')}
        allowDecimal={false}
        readOnly={readOnly}
        error={err('escalateMinutes')}
        w={320}
        data-testid="escalate-minutes"
      />
    </SettingsForm>
  );
}
