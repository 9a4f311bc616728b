import { useEffect, useEffectEvent, type ReactNode } from 'react';
import { Alert, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { call } from '../../app/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { SettingsForm, useFormShell } from '../../components/FormDialog';
import { ErrorBanner, KeyButton, ScreenHeader, cleanedResolver, useScreenKeys } from '../../components/screen';
import { BranchRows } from './BranchRows';
import { PolicyFields } from './PolicyFields';
import { PromptsPanel } from './PromptsPanel';
import { REMINDERS_FIELDS, toForm, toInput, type Settings } from './remindersForm';
import { TestCall } from './TestCall';
import { TrunkFields } from './TrunkFields';

/**
 * Reminder calls' settings (issue 10), for owners and admins: the SIP trunk, the policy (quiet hours, retries, cap,
 * default offsets and channel), each branch's changes, the prompts per language with their recordings and a sample to
 * hear, and a test call whose progress arrives as it happens.
 */
export function RemindersSettingsScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const canWrite = can('reminders', 'approve');
  const settings = useApiQuery('reminders.settings', {});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('reminders.') });
  useScreenKeys({ enabled: true, onRefresh: refresh });

  return (
    <div className="planora-page" data-testid="reminders-screen" style={{ overflowY: 'auto' }}>
      <ScreenHeader title={t('remindersUi.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={settings.error ? errorText(t, settings.error) : null} onClose={refresh} />
      {settings.data && <RemindersSettingsForm settings={settings.data} readOnly={!canWrite} />}
      {canWrite && settings.data && (
        <Section title={t('remindersUi.testCallTitle')}>
          <TestCall ready={settings.data.trunk.enabled && !!settings.data.trunk.host} />
        </Section>
      )}
      {canWrite && (
        <Section title={t('remindersUi.promptsTitle')}>
          <PromptsPanel />
        </Section>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6} mt="xs">
      <Title order={2} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function RemindersSettingsForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({ resolver: cleanedResolver(api['reminders.saveSettings'].input, toInput), defaultValues: toForm(settings) });
  const { reset, formState } = form;
  // Someone else saved (a refetch): show their values unless this form has unsaved edits.
  const { isDirty } = formState;
  const arrived = useEffectEvent((s: Settings) => {
    if (!isDirty) reset(toForm(s));
  });
  useEffect(() => arrived(settings), [settings]);
  const { shell } = useFormShell(form, REMINDERS_FIELDS, async (values) => {
    const saved = await call('reminders.saveSettings', values);
    qc.setQueryData(apiQueryKey('reminders.settings', {}), saved);
    reset(toForm(saved));
  });

  return (
    <FormProvider {...form}>
      <SettingsForm
        name="reminders"
        readOnly={readOnly}
        onReset={() => reset(toForm(settings))}
        {...shell}
        notice={
          !settings.configured && (
            <Alert color="yellow" p="xs" data-testid="rem-not-configured">
              {t('remindersUi.notConfigured')}
            </Alert>
          )
        }
      >
        <Title order={2} size="h5">
          {t('remindersUi.trunkTitle')}
        </Title>
        <TrunkFields settings={settings} readOnly={readOnly} />
        <Title order={2} size="h5" mt={4}>
          {t('remindersUi.policyTitle')}
        </Title>
        <PolicyFields readOnly={readOnly} canRaiseCap={settings.canRaiseCap} />
        <BranchRows readOnly={readOnly} />
      </SettingsForm>
    </FormProvider>
  );
}
