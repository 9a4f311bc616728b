import { useEffect, useEffectEvent } from 'react';
import { Alert, Checkbox, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, type Output } from '../../../shared/api';
import { call } from '../../app/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { SettingsForm, useFormShell } from '../../components/FormDialog';
import { ErrorBanner, KeyButton, ScreenHeader, blankToNull, cleanedResolver, useScreenKeys } from '../../components/screen';
import { CheckboxField, NumberField } from '../../components/fields';
import { Outbox } from './Outbox';
import { TestSend } from './TestSend';

/**
 * Outgoing mail: the organization's SMTP account (the password is write-only: the form says whether one is stored,
 * never shows it) and the outbox, where an admin sees what left, what waits for a retry and why.
 */

type Settings = Output<'mail.getSettings'>;
type SmtpForm = { host: string; port: number | string; secure: boolean; user: string; password: string; forgetPassword: boolean; from: string };
const SMTP_FIELDS = ['host', 'port', 'secure', 'user', 'password', 'from'];

export function MailSettingsScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const canWrite = can('organization', 'write');
  const settings = useApiQuery('mail.getSettings', {});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('mail.') });
  useScreenKeys({ enabled: true, onRefresh: refresh });

  return (
    <div className="planora-page" data-testid="mail-screen">
      <ScreenHeader title={t('mail.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={settings.error ? errorText(t, settings.error) : null} onClose={refresh} />
      {settings.data && <SmtpSettingsForm settings={settings.data} readOnly={!canWrite} />}
      {canWrite && settings.data?.configured && <TestSend channel="mail" />}
      {canWrite && <Outbox />}
    </div>
  );
}

function SmtpSettingsForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toForm = (s: Settings): SmtpForm => ({ host: s.host, port: s.port, secure: s.secure, user: s.user ?? '', password: '', forgetPassword: false, from: s.from });
  const form = useForm({
    resolver: cleanedResolver(api['mail.setSettings'].input, (v: SmtpForm) => ({
      host: v.host,
      port: v.port === '' ? undefined : Number(v.port),
      secure: v.secure,
      user: blankToNull(v.user),
      // Blank keeps the stored password; the box forgets it; anything typed replaces it.
      password: v.forgetPassword ? null : v.password === '' ? undefined : v.password,
      from: v.from,
    })),
    defaultValues: toForm(settings),
  });
  const { register, control, formState, reset, watch } = form;
  // Someone else saved (a push event refetched): show their values unless this form has unsaved edits.
  const { isDirty } = formState;
  const arrived = useEffectEvent((s: typeof settings) => {
    if (!isDirty) reset(toForm(s));
  });
  useEffect(() => arrived(settings), [settings]);
  const forget = watch('forgetPassword');
  const { err, shell } = useFormShell(form, SMTP_FIELDS, async (values) => {
    const row = await call('mail.setSettings', values);
    qc.setQueryData(apiQueryKey('mail.getSettings', {}), row);
    reset(toForm(row));
  });

  return (
    <SettingsForm
      name="smtp"
      readOnly={readOnly}
      onReset={() => reset(toForm(settings))}
      {...shell}
      notice={
        !settings.configured && (
          <Alert color="yellow" p="xs" data-testid="smtp-not-configured">
            {t('mail.notConfigured')}
          </Alert>
        )
      }
    >
      <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs" verticalSpacing={6}>
        <TextInput label={t('mail.host')} placeholder="smtp.example.com" readOnly={readOnly} {...register('host')} error={err('host')} data-testid="smtp-host" />
        <NumberField
          control={control}
          name="port"
          label={t('mail.port')}
          description={t('mail.portHint')}
          min={1}
          max={65535}
          allowDecimal={false}
          readOnly={readOnly}
          error={err('port')}
          data-testid="smtp-port"
        />
        <CheckboxField
          control={control}
          name="secure"
          label={t('mail.secure')}
          description={t('mail.secureHint')}
          disabled={readOnly}
          mt="lg"
          data-testid="smtp-secure"
        />
        <TextInput label={t('mail.user')} autoComplete="off" readOnly={readOnly} {...register('user')} error={err('user')} data-testid="smtp-user" />
        <Stack gap={2}>
          <PasswordInput
            label={t('mail.password')}
            placeholder={settings.hasPassword ? t('mail.passwordKept') : ''}
            autoComplete="new-password"
            readOnly={readOnly}
            disabled={forget}
            {...register('password')}
            error={err('password')}
            data-testid="smtp-password"
          />
          {settings.hasPassword && !readOnly && <Checkbox size="xs" label={t('mail.forgetPassword')} {...register('forgetPassword')} />}
        </Stack>
        <TextInput label={t('mail.from')} placeholder="Planora <noreply@example.com>" readOnly={readOnly} {...register('from')} error={err('from')} data-testid="smtp-from" />
      </SimpleGrid>
    </SettingsForm>
  );
}
