import { useEffect, useEffectEvent } from 'react';
import { Alert, SimpleGrid, Stack, TextInput } from '@mantine/core';
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
import { CheckboxField, SelectField } from '../../components/fields';
import { Outbox } from '../mail/Outbox';
import { TestSend } from '../mail/TestSend';
import { HttpFields, TwilioFields } from './GatewayFields';
import { SMS_FIELDS, toForm, toInput, type Settings, type SmsForm } from './smsForm';

/**
 * Text messages to clients: whether bookings send one, through which gateway (Twilio, or any HTTP gateway described
 * by its request), a test message to a phone, and the messages sent. Secrets are write-only, like the SMTP password.
 */
export function SmsSettingsScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const canWrite = can('organization', 'write');
  const settings = useApiQuery('sms.settings', {});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => ['sms.', 'mail.outbox'].some((p) => String(q.queryKey[0]).startsWith(p)) });
  useScreenKeys({ enabled: true, onRefresh: refresh });

  return (
    <div className="planora-page" data-testid="sms-screen">
      <ScreenHeader title={t('sms.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={settings.error ? errorText(t, settings.error) : null} onClose={refresh} />
      {settings.data && <SmsSettingsForm settings={settings.data} readOnly={!canWrite} />}
      {canWrite && settings.data?.configured && <TestSend channel="sms" />}
      {canWrite && <Outbox channel="sms" title={t('sms.outbox')} />}
    </div>
  );
}

function SmsSettingsForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({ resolver: cleanedResolver(api['sms.setSettings'].input, toInput), defaultValues: toForm(settings) });
  const { control, register, formState, reset, watch } = form;
  // Someone else saved (a refetch): show their values unless this form has unsaved edits.
  const { isDirty } = formState;
  const arrived = useEffectEvent((s: Settings) => {
    if (!isDirty) reset(toForm(s));
  });
  useEffect(() => arrived(settings), [settings]);
  const provider = watch('provider');
  const { err, shell } = useFormShell(form, SMS_FIELDS, async (values) => {
    const saved = await call('sms.setSettings', values);
    qc.setQueryData(apiQueryKey('sms.settings', {}), saved);
    reset(toForm(saved));
  });

  return (
    <FormProvider {...form}>
      <SettingsForm
        name="sms"
        readOnly={readOnly}
        onReset={() => reset(toForm(settings))}
        {...shell}
        notice={
          !settings.configured && (
            <Alert color="yellow" p="xs" data-testid="sms-not-configured">
              {t('sms.notConfigured')}
            </Alert>
          )
        }
      >
        <CheckboxField<SmsForm> control={control} name="enabled" label={t('sms.enabled')} description={t('sms.enabledHint')} disabled={readOnly} data-testid="sms-enabled" />
        <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs" verticalSpacing={6}>
          <SelectField<SmsForm>
            control={control}
            name="provider"
            label={t('sms.provider')}
            data={[
              { value: 'twilio', label: 'Twilio' },
              { value: 'http', label: t('sms.otherGateway') },
            ]}
            allowDeselect={false}
            readOnly={readOnly}
            data-testid="sms-provider"
          />
          <TextInput label={t('sms.sender')} description={t('sms.senderHint')} readOnly={readOnly} {...register('sender')} error={err('sender')} data-testid="sms-sender" />
        </SimpleGrid>
        <Stack gap={6}>{provider === 'twilio' ? <TwilioFields settings={settings} readOnly={readOnly} /> : <HttpFields settings={settings} readOnly={readOnly} />}</Stack>
      </SettingsForm>
    </FormProvider>
  );
}
